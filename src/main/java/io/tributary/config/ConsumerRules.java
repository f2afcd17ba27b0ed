package io.tributary.config;

import java.time.Duration;

import static io.tributary.config.Violations.KAFKA;
import static io.tributary.config.Violations.isSet;
import static io.tributary.config.Violations.kebab;
import static io.tributary.config.Violations.render;

/** Checks the partition readers: start position, startup lag gate, fetching, append concurrency and offsets. */
final class ConsumerRules {

    static final String POSITION = KAFKA + "consume-from-position-at-startup";
    static final String TIMESTAMP = KAFKA + "consume-from-timestamp-at-startup";
    static final String TARGET_LAG = KAFKA + "target-consumer-lag-at-startup";
    static final String MAX_LAG = KAFKA + "max-consumer-lag-at-startup";
    static final String FETCH_MAX_WAIT = KAFKA + "fetch-max-wait";
    static final String CONCURRENCY_MAX = KAFKA + "ingestion-concurrency-max";

    /** Mimir's lower bound (2 July 1998 in epoch ms): anything smaller is a timestamp in seconds by mistake. */
    static final long MIN_TIMESTAMP_MS = 900_000_000_000L;

    /** Mimir's range; WarpStream clamps to the same one, so other values would behave differently per backend. */
    private static final Duration MIN_FETCH_MAX_WAIT = Duration.ofSeconds(5);
    private static final Duration MAX_FETCH_MAX_WAIT = Duration.ofSeconds(30);

    private ConsumerRules() {
    }

    static void check(KafkaSettings kafka, Violations out) {
        startPosition(kafka, out);
        startupLag(kafka, out);
        fetching(kafka, out);
        ingestionConcurrency(kafka, out);
        consumerGroup(kafka.getConsumerGroup(), out);
        out.positive(KAFKA + "consumer-group-offset-commit-interval", kafka.getConsumerGroupOffsetCommitInterval());
        out.positive(KAFKA + "last-produced-offset-poll-interval", kafka.getLastProducedOffsetPollInterval());
        out.positive(KAFKA + "last-produced-offset-retry-timeout", kafka.getLastProducedOffsetRetryTimeout());
        out.notNegative(KAFKA + "wait-strong-read-consistency-timeout", kafka.getWaitStrongReadConsistencyTimeout(),
                "no limit");
    }

    private static void startPosition(KafkaSettings kafka, Violations out) {
        StartPosition position = kafka.getConsumeFromPositionAtStartup();
        long timestamp = kafka.getConsumeFromTimestampAtStartup();
        if (position == null) {
            out.add(POSITION, null, POSITION + " is empty: allowed values are last-offset, start, end and"
                    + " timestamp");
        } else if (position == StartPosition.TIMESTAMP && timestamp < MIN_TIMESTAMP_MS) {
            out.add(TIMESTAMP, timestamp, TIMESTAMP + " is " + timestamp + " but " + POSITION + " is timestamp:"
                    + " set a Unix time in milliseconds, at least " + MIN_TIMESTAMP_MS);
        } else if (position != StartPosition.TIMESTAMP && timestamp != 0) {
            out.add(TIMESTAMP, timestamp, TIMESTAMP + " is set but " + POSITION + " is " + kebab(position)
                    + ", so it would be ignored: remove it, or set " + POSITION + "=timestamp");
        }
    }

    private static void startupLag(KafkaSettings kafka, Violations out) {
        Duration target = kafka.getTargetConsumerLagAtStartup();
        Duration max = kafka.getMaxConsumerLagAtStartup();
        out.notNegative(TARGET_LAG, target, "both lags at 0 turn the startup gate off");
        out.notNegative(MAX_LAG, max, "both lags at 0 turn the startup gate off");
        if (target != null && max != null && target.compareTo(max) > 0) {
            out.add(TARGET_LAG, target, TARGET_LAG + " is " + render(target) + ", greater than " + MAX_LAG + " ("
                    + render(max) + "): the target must be at most the max; set both to 0 to turn the gate off");
        }
    }

    private static void fetching(KafkaSettings kafka, Violations out) {
        Duration wait = kafka.getFetchMaxWait();
        if (wait == null || wait.compareTo(MIN_FETCH_MAX_WAIT) < 0 || wait.compareTo(MAX_FETCH_MAX_WAIT) > 0) {
            out.add(FETCH_MAX_WAIT, wait, FETCH_MAX_WAIT + " is " + Violations.shown(wait)
                    + ": allowed range is 5s..30s");
        }
        int fetchConcurrency = kafka.getFetchConcurrencyMax();
        if (fetchConcurrency < 0) {
            String key = KAFKA + "fetch-concurrency-max";
            out.add(key, fetchConcurrency, key + " is " + fetchConcurrency + ": set 0 for one plain consumer,"
                    + " or a number of concurrent fetches");
        }
        long buffered = kafka.getMaxBufferedBytes();
        // Mimir sizes fetches with int32 arithmetic, hence the bound below Integer.MAX_VALUE.
        if (buffered < 0 || buffered >= Integer.MAX_VALUE) {
            String key = KAFKA + "max-buffered-bytes";
            out.add(key, buffered, key + " is " + buffered + ": allowed range is 0.." + (Integer.MAX_VALUE - 1));
        }
    }

    private static void ingestionConcurrency(KafkaSettings kafka, Violations out) {
        int max = kafka.getIngestionConcurrencyMax();
        if (max < 0) {
            out.add(CONCURRENCY_MAX, max, CONCURRENCY_MAX + " is " + max + ": set 0 for sequential appends, or"
                    + " a number of shards");
            return;
        }
        if (max == 0) {
            return; // As in Mimir, the sizing settings are unused, so any value is accepted.
        }
        shardSizing(KAFKA + "ingestion-concurrency-batch-size", kafka.getIngestionConcurrencyBatchSize(), max, out);
        shardSizing(KAFKA + "ingestion-concurrency-queue-capacity", kafka.getIngestionConcurrencyQueueCapacity(),
                max, out);
        shardSizing(KAFKA + "ingestion-concurrency-target-flushes-per-shard",
                kafka.getIngestionConcurrencyTargetFlushesPerShard(), max, out);
        shardSizing(KAFKA + "ingestion-concurrency-estimated-bytes-per-sample",
                kafka.getIngestionConcurrencyEstimatedBytesPerSample(), max, out);
    }

    private static void shardSizing(String key, int value, int max, Violations out) {
        if (value <= 0) {
            out.add(key, value, key + " is " + value + " but " + CONCURRENCY_MAX + " is " + max
                    + ": must be greater than 0 while ingestion concurrency is on");
        }
    }

    /**
     * Kafka itself accepts any non-empty group id, but one with whitespace or control characters cannot be
     * typed reliably into kafka-consumer-groups.sh or matched by ACLs, so an operator could never inspect it.
     */
    private static void consumerGroup(String group, Violations out) {
        if (!isSet(group)) {
            return;
        }
        boolean unusable = group.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
        if (unusable) {
            String key = KAFKA + "consumer-group";
            out.add(key, group, key + " is \"" + group + "\": use a group id without whitespace or control"
                    + " characters (<partition> is replaced by the partition id)");
        }
    }
}
