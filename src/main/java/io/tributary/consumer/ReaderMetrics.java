package io.tributary.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One partition reader's meters, under Mimir's {@code cortex_ingest_storage_reader_*} names with a
 * {@code tributary_} prefix, so Mimir's dashboards and alerts translate directly.
 */
final class ReaderMetrics {
    private static final String PREFIX = "tributary.ingest.storage.reader.";

    final AtomicLong lastCommittedOffset = new AtomicLong(-1);
    private final Timer receiveDelayStarting;
    private final Timer receiveDelayRunning;
    private final Counter fetches;
    private final Counter fetchErrors;
    private final DistributionSummary recordsPerFetch;
    private final Counter commitRequests;
    private final Counter commitFailures;
    private final Counter requests;
    private final Counter failedClient;
    private final Counter failedServer;
    private final Counter failedDecode;
    private final Counter missedRecords;

    ReaderMetrics(MeterRegistry registry, int partition, LongSupplier lastConsumedOffset) {
        String p = Integer.toString(partition);
        Gauge.builder(PREFIX + "last.consumed.offset", lastConsumedOffset::getAsLong).tag("partition", p)
                .description("Offset of the last record this partition's reader processed (-1 before the first).")
                .register(registry);
        Gauge.builder(PREFIX + "last.committed.offset", lastCommittedOffset, AtomicLong::get).tag("partition", p)
                .description("Offset last committed to the consumer group: the last consumed record, as Mimir commits.")
                .register(registry);
        receiveDelayStarting = receiveDelay(registry, "starting");
        receiveDelayRunning = receiveDelay(registry, "running");
        fetches = counter(registry, "fetches", p, "Polls that returned, with or without records.");
        fetchErrors = counter(registry, "fetch.errors", p, "Polls that failed; the reader retries with backoff.");
        recordsPerFetch = DistributionSummary.builder(PREFIX + "records.per.fetch").tag("partition", p)
                .description("Records returned by one poll.").register(registry);
        commitRequests = counter(registry, "offset.commit.requests", p, "Offset commits attempted.");
        commitFailures = counter(registry, "offset.commit.failures", p,
                "Offset commits that failed; the next interval tries again.");
        requests = counter(registry, "requests", p, "Records taken from the partition and handed to storage.");
        failedClient = failed(registry, p, "client");
        failedServer = failed(registry, p, "server");
        failedDecode = failed(registry, p, "decode");
        missedRecords = counter(registry, "missed.records", p,
                "Offsets skipped between two consecutive records (compacted, aborted, or lost to retention).");
    }

    private static Timer receiveDelay(MeterRegistry registry, String phase) {
        return Timer.builder(PREFIX + "receive.delay").tag("phase", phase)
                .description("Time from a record's timestamp (when the distributor produced it) until this reader "
                        + "received it; phase=starting while catching up at startup.")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    private static Counter counter(MeterRegistry registry, String name, String partition, String description) {
        return Counter.builder(PREFIX + name).tag("partition", partition).description(description).register(registry);
    }

    private static Counter failed(MeterRegistry registry, String partition, String cause) {
        return Counter.builder(PREFIX + "requests.failed").tag("partition", partition).tag("cause", cause)
                .description("Records that storage did not take whole: cause=client for data errors (counted per "
                        + "reason in tributary_discarded_samples_total), server for retried storage faults, decode "
                        + "for records that could not be decoded (skipped, logged with partition and offset).")
                .register(registry);
    }

    void fetched(int records) {
        fetches.increment();
        recordsPerFetch.record(records);
    }

    void fetchFailed() {
        fetchErrors.increment();
    }

    void received(long recordTimestamp, boolean starting, long now) {
        if (recordTimestamp > 0) {
            (starting ? receiveDelayStarting : receiveDelayRunning).record(Duration.ofMillis(Math.max(0, now - recordTimestamp)));
        }
    }

    void request() {
        requests.increment();
    }

    void clientError() {
        failedClient.increment();
    }

    void serverError() {
        failedServer.increment();
    }

    void decodeError() {
        failedDecode.increment();
    }

    void missed(long count) {
        missedRecords.increment(count);
    }

    void commitAttempted() {
        commitRequests.increment();
    }

    void commitFailed() {
        commitFailures.increment();
    }
}
