package io.tributary.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.config.KafkaSettings;
import io.tributary.kafka.KafkaClientProperties;
import io.tributary.protocol.MimirRecordScanner;
import io.tributary.protocol.RecordVersion;
import io.tributary.protocol.ScannedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one partition into storage on its own thread. The partition is assigned directly (no group
 * membership); the consumer group only stores the offset, committed every commit interval and on stop. Fetch
 * and storage failures are retried forever with backoff (250 ms doubling to 2 s) on a fresh consumer, from the
 * first record not yet stored, so nothing is skipped; records that cannot be decoded are skipped, counted and
 * logged with their offset, and kept in {@link #recentlySkipped()} for the operator.
 * <p>
 * While the partition is far behind and {@code fetch-concurrency-max} is above 0, {@link ConcurrentFetchers} read
 * the backlog instead of the reader's consumer and hand it over in offset order; once less than a want is left,
 * the reader's consumer takes over again, so a caught-up partition costs one long poll.
 */
final class PartitionReader implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(PartitionReader.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final long MIN_BACKOFF_MS = 250;
    private static final long MAX_BACKOFF_MS = 2_000;
    private static final int KEPT_SKIPPED = 20;

    /** A record that could not be decoded and was skipped. */
    record SkippedRecord(long offset, Instant at, String reason) {
    }

    private final int partition;
    private final TopicPartition tp;
    private final String consumerGroup;
    private final ReaderConsumers consumerFactory;
    private final LastProducedOffsetSource lastProduced;
    private final RecordSink sink;
    /** Reused for every record: the reader's only decoding state, touched by its thread alone. */
    private final MimirRecordScanner scanner = new MimirRecordScanner();
    private final ReaderSettings settings;
    private final ReaderMetrics metrics;
    private final MeterRegistry registry;
    private final StartupLagGate gate;
    private final Object progress = new Object();
    private final Deque<SkippedRecord> skipped = new ArrayDeque<>();
    private final ConcurrentFetchMetrics fetchMetrics;

    private volatile PartitionState state = PartitionState.STARTING;
    private volatile boolean stopping;
    private volatile Consumer<byte[], byte[]> consumer;
    /** Reading the backlog instead of {@link #consumer} while the partition is behind; null otherwise. */
    private volatile ConcurrentFetchers fetchers;
    private volatile BytesPerRecordEstimate estimate = new BytesPerRecordEstimate(true);
    private FetchSizing sizing = new FetchSizing(0, 0);
    private volatile long startOffset = -1;
    private volatile long nextOffset = -1;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile long undecodable;
    /** Produce-time timestamp of the last record consumed (-1 before the first), for lag in seconds. */
    private volatile long lastConsumedTimestamp = -1;
    /** Key and value bytes consumed since this process started, for the console's bytes/s out. */
    private volatile long consumedBytes;
    /** Set by {@link #resumeFromCommittedOffset()}: the next start reads the group's committed offset only. */
    private volatile boolean resumeFromCommitted;
    private boolean waitForLag;
    private long lastCommittedNext = -1;
    private long lastCommitNanos;

    PartitionReader(int partition, String consumerGroup, ReaderConsumers consumerFactory,
            LastProducedOffsetSource lastProduced, RecordSink sink, ReaderSettings settings, MeterRegistry registry) {
        this.partition = partition;
        this.tp = new TopicPartition(settings.topic(), partition);
        this.consumerGroup = consumerGroup;
        this.consumerFactory = consumerFactory;
        this.lastProduced = lastProduced;
        this.sink = sink;
        this.settings = settings;
        this.registry = registry;
        this.metrics = new ReaderMetrics(registry, partition, this::lastConsumedOffset);
        this.gate = new StartupLagGate(settings.targetLagAtStartup(), settings.maxLagAtStartup());
        this.fetchMetrics = new ConcurrentFetchMetrics(registry, partition, () -> estimate.bytesPerRecord());
    }

    int partition() {
        return partition;
    }

    /** True once the startup lag gate has passed (it stays true while later failures are retried). */
    boolean caughtUp() {
        return gate.passed() || (state != PartitionState.STARTING && !waitForLag);
    }

    long lastConsumedOffset() {
        return nextOffset - 1 < startOffset ? -1 : nextOffset - 1;
    }

    PartitionStatus status() {
        return new PartitionStatus(partition, consumerGroup, state, startOffset, lastConsumedOffset(),
                metrics.lastCommittedOffset.get(), undecodable, lastError, lastErrorAt);
    }

    /** What the console needs beyond {@link #status()} to compute lag in seconds and bytes/s. */
    ReaderProgress progress() {
        return new ReaderProgress(partition, lastConsumedOffset(), lastConsumedTimestamp, consumedBytes);
    }

    /**
     * Prepares a stopped reader to run again on a new thread, starting after the consumer group's committed offset
     * (what an offset reset set) instead of the configured start position or the replay checkpoint, which would
     * otherwise undo the reset.
     */
    void resumeFromCommittedOffset() {
        if (state != PartitionState.STOPPED) {
            throw new IllegalStateException("partition " + partition + ": the reader is " + state + ", not STOPPED");
        }
        resumeFromCommitted = true;
        nextOffset = -1;
        startOffset = -1;
        lastCommittedNext = -1;
        lastConsumedTimestamp = -1;
        state = PartitionState.STARTING;
        stopping = false;
    }

    PartitionState state() {
        return state;
    }

    List<SkippedRecord> recentlySkipped() {
        synchronized (skipped) {
            return List.copyOf(skipped);
        }
    }

    /**
     * Blocks until every offset up to {@code offset} is consumed, or the deadline passes.
     *
     * @return whether the offset was reached
     */
    boolean awaitConsumed(long offset, long deadlineNanos) throws InterruptedException {
        synchronized (progress) {
            while (nextOffset <= offset) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0 || stopping) {
                    return false;
                }
                progress.wait(Math.max(1, left / 1_000_000), 0);
            }
            return true;
        }
    }

    /**
     * Closes the consumer (committing its offset) and opens a new one from the factory, which builds it from the
     * settings in effect now; consumption resumes at the next offset, so nothing is skipped or read twice.
     */
    void reconnect() {
        wakeUp();
    }

    void stop() {
        stopping = true;
        wakeUp();
    }

    private void wakeUp() {
        ConcurrentFetchers currentFetchers = fetchers;
        if (currentFetchers != null) {
            currentFetchers.wakeup();
        }
        Consumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    @Override
    public void run() {
        long backoff = MIN_BACKOFF_MS;
        while (!stopping) {
            try {
                consumeUntilStopped();
                backoff = MIN_BACKOFF_MS;
            } catch (WakeupException e) {
                // stop() interrupts a blocking poll; the loop condition ends the reader.
            } catch (RuntimeException e) {
                fail(e);
                sleepQuietly(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
        state = PartitionState.STOPPED;
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private void consumeUntilStopped() {
        Consumer<byte[], byte[]> c = consumerFactory.reader(consumerGroup);
        consumer = c;
        applyFetchSettings();
        try {
            c.assign(Set.of(tp));
            if (nextOffset < 0) {
                resolveStart(c);
            }
            c.seek(tp, nextOffset);
            while (!stopping) {
                if (!gate.passed() && waitForLag && gate.needsTarget()) {
                    // Not c.endOffsets: on the consumer's connection the request waits behind the fetch it has in
                    // flight, up to fetch-max-wait on a quiet partition. The round starts when the question is asked,
                    // as Mimir counts it, so a slow answer counts as lag.
                    long asked = System.nanoTime();
                    gate.startRound(lastProduced.lastProducedOffset(tp, settings.requestTimeout()), asked);
                }
                List<ConsumerRecord<byte[], byte[]>> records = fetch(c);
                consume(records);
                if (state == PartitionState.FAILING) {
                    state = caughtUp() ? PartitionState.RUNNING : PartitionState.CATCHING_UP;
                }
                if (waitForLag && !gate.passed()) {
                    gate.progress(nextOffset, System.nanoTime());
                    if (gate.passed()) {
                        state = PartitionState.RUNNING;
                        log.info("partition {}: caught up at offset {}; reader running", partition, nextOffset - 1);
                    }
                }
                switchFetching(c, records);
                maybeCommit(c, false);
            }
        } finally {
            consumer = null;
            closeFetchers();
            try {
                maybeCommit(c, true);
            } finally {
                c.close(Duration.ofSeconds(5));
            }
        }
    }

    /** The next records in offset order: from the concurrent fetchers while they run, else from the consumer. */
    private List<ConsumerRecord<byte[], byte[]>> fetch(Consumer<byte[], byte[]> c) {
        ConcurrentFetchers current = fetchers;
        if (current != null) {
            List<ConsumerRecord<byte[], byte[]>> records = current.next(POLL_TIMEOUT);
            metrics.fetched(records.size());
            return records;
        }
        ConsumerRecords<byte[], byte[]> records = c.poll(POLL_TIMEOUT);
        metrics.fetched(records.count());
        return records.records(tp);
    }

    /**
     * Reads the fetch settings in effect now (a reconnect ends the session, so applied settings count from the next
     * one); the bytes-per-record estimate is kept unless what it counts (compressed or not) changed.
     */
    private void applyFetchSettings() {
        KafkaSettings kafka = settings.kafka().snapshot();
        sizing = new FetchSizing(kafka.getFetchConcurrencyMax(), kafka.getMaxBufferedBytes());
        boolean compressed = kafka.isUseCompressedBytesAsFetchMaxBytes();
        if (estimate.compressed() != compressed) {
            estimate = new BytesPerRecordEstimate(compressed);
        }
    }

    /**
     * Hands a partition that is at least two wants behind to concurrent fetchers, and takes it back once they have
     * less than a want left. Judged after each poll that returned records, from the consumer's lag (high watermark
     * minus position).
     */
    private void switchFetching(Consumer<byte[], byte[]> c, List<ConsumerRecord<byte[], byte[]>> polled) {
        ConcurrentFetchers current = fetchers;
        if (current != null) {
            if (current.drained()) {
                closeFetchers();
                c.seek(tp, nextOffset);
                log.info("partition {}: backlog read by concurrent fetchers up to offset {}; the reader's consumer "
                        + "reads on", partition, nextOffset - 1);
            }
            return;
        }
        if (!sizing.enabled() || polled.isEmpty()) {
            return;
        }
        long bytes = 0;
        for (ConsumerRecord<byte[], byte[]> record : polled) {
            bytes += ConcurrentFetchers.size(record);
        }
        estimate.observe(bytes, polled.size(), c.metrics(), KafkaClientProperties.MAX_PARTITION_FETCH_BYTES);
        long lag = c.currentLag(tp).orElse(0);
        if (sizing.worthFetchingConcurrently(lag, estimate.bytesPerRecord())) {
            long end = c.position(tp) + lag;
            fetchers = new ConcurrentFetchers(tp, nextOffset, end, sizing, estimate, consumerFactory::fetcher,
                    fetchMetrics);
            log.info("partition {}: {} records behind at offset {}; {} concurrent fetchers read the backlog, "
                    + "{} records per want", partition, lag, nextOffset, sizing.concurrency(),
                    sizing.recordsPerWant(estimate.bytesPerRecord()));
        }
    }

    private void closeFetchers() {
        ConcurrentFetchers current = fetchers;
        fetchers = null;
        if (current != null) {
            current.close();
        }
    }

    private void resolveStart(Consumer<byte[], byte[]> c) {
        StartPositionResolver.Decision decision = resumeFromCommitted
                ? StartPositionResolver.afterCommitted(c, tp, settings.requestTimeout())
                : StartPositionResolver.resolve(c, tp, settings.startPosition(), settings.startTimestampMs(),
                        sink.replayFrom(partition), settings.requestTimeout());
        resumeFromCommitted = false;
        sink.startingAt(partition, decision.offset());
        startOffset = decision.offset();
        nextOffset = decision.offset();
        waitForLag = decision.waitForLag() && settings.lagGateEnabled();
        state = waitForLag ? PartitionState.CATCHING_UP : PartitionState.RUNNING;
        log.info("partition {}: consuming from offset {} ({}), offsets stored in consumer group {}", partition,
                decision.offset(), decision.reason(), consumerGroup);
    }

    private void consume(List<ConsumerRecord<byte[], byte[]>> records) {
        if (records.isEmpty()) {
            return;
        }
        boolean starting = state == PartitionState.CATCHING_UP;
        long now = System.currentTimeMillis();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.offset() < nextOffset) {
                continue;
            }
            if (record.offset() > nextOffset) {
                metrics.missed(record.offset() - nextOffset);
            }
            metrics.received(record.timestamp(), starting, now);
            store(record);
            nextOffset = record.offset() + 1;
            lastConsumedTimestamp = record.timestamp();
            consumedBytes += Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
        }
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private void store(ConsumerRecord<byte[], byte[]> record) {
        ScannedRequest request;
        String tenant;
        try {
            if (record.key() == null || record.key().length == 0) {
                throw new IllegalArgumentException("the record has no key, so no tenant");
            }
            tenant = new String(record.key(), StandardCharsets.UTF_8);
            Header version = record.headers().lastHeader(RecordVersion.HEADER_KEY);
            byte[] value = record.value() == null ? new byte[0] : record.value();
            request = scanner.scan(value, RecordVersion.fromHeader(version == null ? null : version.value()));
        } catch (RuntimeException e) {
            skipUndecodable(record, e);
            return;
        }
        metrics.request();
        StoreResult result;
        try {
            result = sink.store(partition, record.offset(), tenant, request);
        } catch (StorageUnavailableException e) {
            metrics.serverError();
            throw e;
        }
        if (!result.rejectedByReason().isEmpty()) {
            metrics.clientError();
            for (Map.Entry<String, Long> rejected : result.rejectedByReason().entrySet()) {
                Counter.builder("tributary.discarded.samples")
                        .description("Samples refused, by tenant and reason: by the distributor before Kafka (rate_limited: 429 "
                                + "over the tenant's ingestion rate), or by the ingester's head when consumed (out of "
                                + "order, too old, series limit).")
                        .tag("reason", rejected.getKey()).tag("user", tenant)
                        .register(registry).increment(rejected.getValue());
            }
        }
    }

    private void skipUndecodable(ConsumerRecord<byte[], byte[]> record, RuntimeException e) {
        metrics.decodeError();
        undecodable++;
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        lastError = "record at offset " + record.offset() + " could not be decoded and was skipped: " + reason;
        lastErrorAt = Instant.now();
        synchronized (skipped) {
            if (skipped.size() == KEPT_SKIPPED) {
                skipped.removeFirst();
            }
            skipped.addLast(new SkippedRecord(record.offset(), lastErrorAt, reason));
        }
        log.warn("partition {} offset {}: record could not be decoded and is skipped ({} bytes): {}", partition,
                record.offset(), record.serializedValueSize(), reason);
    }

    private void maybeCommit(Consumer<byte[], byte[]> c, boolean force) {
        long now = System.nanoTime();
        if (nextOffset <= startOffset || nextOffset == lastCommittedNext
                || (!force && now - lastCommitNanos < settings.commitInterval().toNanos())) {
            return;
        }
        lastCommitNanos = now;
        long lastConsumed = nextOffset - 1;
        metrics.commitAttempted();
        try {
            c.commitSync(Map.of(tp, new OffsetAndMetadata(lastConsumed)), settings.requestTimeout());
            lastCommittedNext = nextOffset;
            metrics.lastCommittedOffset.set(lastConsumed);
        } catch (WakeupException e) {
            if (!force) {
                throw e;
            }
            // A wakeup meant for the poll landed here; the final commit still matters, so try once more.
            lastCommitNanos = 0;
            maybeCommit(c, true);
        } catch (RuntimeException e) {
            metrics.commitFailed();
            log.warn("partition {}: committing offset {} to consumer group {} failed (retried next interval): {}",
                    partition, lastConsumed, consumerGroup, e.toString());
        }
    }

    private void fail(RuntimeException e) {
        if (e instanceof StorageUnavailableException) {
            lastError = "storage failed at offset " + nextOffset + " (retrying): " + e.getMessage();
        } else {
            metrics.fetchFailed();
            // Retried even when authentication failed: rotated credentials (file, socket) heal it without a
            // restart. Each attempt fails at once, so this is a WARN every 2 s, not a stuck reader.
            lastError = "fetch failed at offset " + nextOffset + " (retrying): " + settings.explain(e);
        }
        lastErrorAt = Instant.now();
        state = PartitionState.FAILING;
        log.warn("partition {}: {}", partition, lastError);
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
