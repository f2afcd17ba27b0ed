package io.tributary.ingester;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.consumer.RecordSink;
import io.tributary.consumer.StorageUnavailableException;
import io.tributary.consumer.StoreResult;
import io.tributary.protocol.Histogram;
import io.tributary.protocol.Label;
import io.tributary.protocol.MimirWriteRequest;
import io.tributary.protocol.Sample;
import io.tributary.protocol.Series;
import io.tributary.storage.AppendOutcome;
import io.tributary.storage.ChunkQuerier;
import io.tributary.storage.HeadOptions;
import io.tributary.storage.Labels;
import io.tributary.storage.TenantHead;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The tenants' heads fed by the partition readers, and the replay bookkeeping that makes Kafka the write-ahead
 * log. Appends hold a shared lock per record; a block cut takes it exclusively only to close a window (raise the
 * heads' minimum valid time), so no append can slip into a window after it was snapshotted.
 */
public class TenantDatabases implements RecordSink {
    private final HeadOptions headOptions;
    private final ReplayCheckpoint checkpoint;
    private final WindowOffsets windows;
    private final LocalBlocks blocks;
    private final MeterRegistry registry;
    private final Map<String, TenantHead> heads = new ConcurrentHashMap<>();
    private final ReadWriteLock windowLock = new ReentrantReadWriteLock();
    private final Counter ingestedSamples;
    private volatile long minValidTime;

    public TenantDatabases(HeadOptions headOptions, ReplayCheckpoint checkpoint, LocalBlocks blocks,
            MeterRegistry registry) {
        this.headOptions = headOptions;
        this.checkpoint = checkpoint;
        this.windows = new WindowOffsets(headOptions.blockRangeMillis());
        this.blocks = blocks;
        this.registry = registry;
        this.minValidTime = checkpoint.persistedUntil();
        this.ingestedSamples = Counter.builder("tributary.ingester.ingested.samples")
                .description("Float samples and native histograms appended to the tenants' heads.").register(registry);
        Gauge.builder("tributary.ingester.memory.users", heads, Map::size)
                .description("Tenants with a head in memory.").register(registry);
        Gauge.builder("tributary.ingester.memory.series", heads,
                        h -> h.values().stream().mapToLong(TenantHead::numSeries).sum())
                .description("Series in the heads of all tenants.").register(registry);
    }

    @Override
    public StoreResult store(int partition, long offset, String tenant, MimirWriteRequest request) {
        // The shared lock spans the appends and the window registration: a cut waits for both before it
        // computes the replay offsets, so registering after appending (one pass over the samples) is safe.
        windowLock.readLock().lock();
        try {
            TenantHead head = head(tenant);
            long appended = 0;
            long minTs = Long.MAX_VALUE;
            long maxTs = Long.MIN_VALUE;
            Map<String, Long> rejected = null;
            for (Series series : request.series()) {
                Labels labels = toLabels(series.labels());
                for (Sample s : series.samples()) {
                    minTs = Math.min(minTs, s.timestamp());
                    maxTs = Math.max(maxTs, s.timestamp());
                    AppendOutcome outcome = head.appendFloat(labels, s.timestamp(), s.valueBits());
                    if (outcome == AppendOutcome.APPENDED) {
                        appended++;
                    } else if (outcome.isDataError()) {
                        rejected = count(rejected, outcome);
                    }
                }
                for (Histogram h : series.histograms()) {
                    minTs = Math.min(minTs, h.timestamp());
                    maxTs = Math.max(maxTs, h.timestamp());
                    AppendOutcome outcome = head.appendHistogram(labels, h.timestamp(), h.encoded());
                    if (outcome == AppendOutcome.APPENDED) {
                        appended++;
                    } else if (outcome.isDataError()) {
                        rejected = count(rejected, outcome);
                    }
                }
            }
            long floor = minValidTime;
            if (maxTs != Long.MIN_VALUE && maxTs >= floor) {
                windows.register(partition, offset, Math.max(minTs, floor), maxTs);
            }
            windows.stored(partition, offset + 1);
            ingestedSamples.increment(appended);
            return new StoreResult(appended, rejected == null ? Map.of() : rejected);
        } catch (RuntimeException e) {
            // The record is retried whole; until then the replay offset cannot pass it (it is not "stored").
            throw new StorageUnavailableException("appending to tenant " + tenant + "'s head failed: " + e, e);
        } finally {
            windowLock.readLock().unlock();
        }
    }

    private static Map<String, Long> count(Map<String, Long> rejected, AppendOutcome outcome) {
        Map<String, Long> map = rejected == null ? new HashMap<>() : rejected;
        map.merge(outcome.reason(), 1L, Long::sum);
        return map;
    }

    private static Labels toLabels(List<Label> labels) {
        String[] pairs = new String[labels.size() * 2];
        int i = 0;
        for (Label l : labels) {
            pairs[i++] = l.name();
            pairs[i++] = l.value();
        }
        return Labels.ofSorted(pairs);
    }

    TenantHead head(String tenant) {
        return heads.computeIfAbsent(tenant, t -> {
            TenantHead head = new TenantHead(t, headOptions);
            head.setMinValidTime(minValidTime);
            return head;
        });
    }

    @Override
    public OptionalLong replayFrom(int partition) {
        return checkpoint.replayFrom(partition);
    }

    @Override
    public void startingAt(int partition, long offset) {
        checkpoint.initialise(partition, offset);
    }

    /** Head and local blocks of a tenant, merged; an unknown tenant reads as empty. */
    public ChunkQuerier querier(String tenant) {
        return blocks.querier(tenant, heads.get(tenant));
    }

    Set<String> tenants() {
        return Set.copyOf(heads.keySet());
    }

    Map<String, TenantHead> heads() {
        return heads;
    }

    long minValidTime() {
        return minValidTime;
    }

    /** Closes every window before {@code until}: from now on samples older than it are refused as too old. */
    void closeWindowsBefore(long until) {
        windowLock.writeLock().lock();
        try {
            if (until > minValidTime) {
                minValidTime = until;
                heads.values().forEach(h -> h.setMinValidTime(until));
            }
        } finally {
            windowLock.writeLock().unlock();
        }
    }

    WindowOffsets windows() {
        return windows;
    }

    ReplayCheckpoint checkpoint() {
        return checkpoint;
    }

    MeterRegistry registry() {
        return registry;
    }
}
