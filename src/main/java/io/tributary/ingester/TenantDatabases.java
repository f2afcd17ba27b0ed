package io.tributary.ingester;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.consumer.RecordSink;
import io.tributary.consumer.StorageUnavailableException;
import io.tributary.consumer.StoreResult;
import io.tributary.protocol.HistogramColumns;
import io.tributary.protocol.LabelBytesInterner;
import io.tributary.protocol.SampleColumns;
import io.tributary.protocol.ScannedRequest;
import io.tributary.storage.AppendOutcome;
import io.tributary.storage.ChunkQuerier;
import io.tributary.storage.HeadOptions;
import io.tributary.storage.HeadSeries;
import io.tributary.storage.Labels;
import io.tributary.storage.TenantHead;
import java.util.Arrays;
import java.util.HashMap;
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
    /** Per partition and tenant: a cached series belongs to one tenant's head. */
    private final Map<Integer, Map<String, SeriesCache>> seriesCaches = new ConcurrentHashMap<>();
    private final ReadWriteLock windowLock = new ReentrantReadWriteLock();
    private final Counter ingestedSamples;
    /** Per tenant, samples appended to its head (the console's samples/s per tenant). */
    private final Map<String, Counter> tenantSamples = new ConcurrentHashMap<>();
    private volatile long minValidTime;
    private final LabelBytesInterner labelKeys;

    public TenantDatabases(HeadOptions headOptions, ReplayCheckpoint checkpoint, LocalBlocks blocks,
            MeterRegistry registry) {
        this(headOptions, checkpoint, blocks, registry, LabelBytesInterner.COPY);
    }

    /** @param labelKeys where the series caches take their key arrays from, to share them with the write path */
    public TenantDatabases(HeadOptions headOptions, ReplayCheckpoint checkpoint, LocalBlocks blocks,
            MeterRegistry registry, LabelBytesInterner labelKeys) {
        this.labelKeys = labelKeys;
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
    public StoreResult store(int partition, long offset, String tenant, ScannedRequest record) {
        SeriesCache cache = seriesCaches.computeIfAbsent(partition, p -> new ConcurrentHashMap<>())
                .computeIfAbsent(tenant, t -> new SeriesCache(labelKeys));
        // The shared lock spans the appends and the window registration: a cut waits for both before it
        // computes the replay offsets, so registering after appending (one pass over the samples) is safe.
        windowLock.readLock().lock();
        try {
            synchronized (cache) {
                return append(partition, offset, head(tenant), record, cache);
            }
        } catch (RuntimeException e) {
            // The record is retried whole; until then the replay offset cannot pass it (it is not "stored").
            throw new StorageUnavailableException("appending to tenant " + tenant + "'s head failed: " + e, e);
        } finally {
            windowLock.readLock().unlock();
        }
    }

    private StoreResult append(int partition, long offset, TenantHead head, ScannedRequest record,
            SeriesCache cache) {
        SampleColumns samples = record.samples();
        HistogramColumns histograms = record.histograms();
        byte[] buf = record.buffer();
        long appended = 0;
        long minTs = Long.MAX_VALUE;
        long maxTs = Long.MIN_VALUE;
        Map<String, Long> rejected = null;
        for (int s = 0; s < record.seriesCount(); s++) {
            int sampleCount = record.sampleCount(s);
            int histogramCount = record.histogramCount(s);
            if (sampleCount == 0 && histogramCount == 0) {
                continue; // metadata or exemplars only: nothing for the head
            }
            HeadSeries series = cache.get(record, s);
            Labels labels = series != null ? series.labels() : SeriesCache.decode(record, s);
            boolean refresh = series == null;
            for (int i = record.sampleFirst(s), end = i + sampleCount; i < end; i++) {
                long ts = samples.timestamp(i);
                minTs = Math.min(minTs, ts);
                maxTs = Math.max(maxTs, ts);
                AppendOutcome outcome = series == null ? null : head.appendFloat(series, ts, samples.valueBits(i));
                if (outcome == null) {
                    // Not cached, or truncation removed the cached series: by labels, which creates it anew.
                    outcome = head.appendFloat(labels, ts, samples.valueBits(i));
                    series = head.find(labels);
                    refresh = true;
                }
                if (outcome == AppendOutcome.APPENDED) {
                    appended++;
                } else if (outcome.isDataError()) {
                    rejected = count(rejected, outcome);
                }
            }
            for (int i = record.histogramFirst(s), end = i + histogramCount; i < end; i++) {
                long ts = histograms.timestamp(i);
                minTs = Math.min(minTs, ts);
                maxTs = Math.max(maxTs, ts);
                int from = histograms.offset(i);
                byte[] encoded = Arrays.copyOfRange(buf, from, from + histograms.length(i));
                AppendOutcome outcome = head.appendHistogram(labels, ts, encoded);
                if (outcome == AppendOutcome.APPENDED) {
                    appended++;
                } else if (outcome.isDataError()) {
                    rejected = count(rejected, outcome);
                }
            }
            if (refresh && series != null) {
                cache.putLast(series);
            }
        }
        cache.forgetKey();
        long floor = minValidTime;
        if (maxTs != Long.MIN_VALUE && maxTs >= floor) {
            windows.register(partition, offset, Math.max(minTs, floor), maxTs);
        }
        windows.stored(partition, offset + 1);
        ingestedSamples.increment(appended);
        tenantSamples.get(head.tenant()).increment(appended);
        return new StoreResult(appended, rejected == null ? Map.of() : rejected);
    }

    private static Map<String, Long> count(Map<String, Long> rejected, AppendOutcome outcome) {
        Map<String, Long> map = rejected == null ? new HashMap<>() : rejected;
        map.merge(outcome.reason(), 1L, Long::sum);
        return map;
    }

    TenantHead head(String tenant) {
        return heads.computeIfAbsent(tenant, t -> {
            registerTenantMeters(t);
            TenantHead head = new TenantHead(t, headOptions);
            head.setMinValidTime(minValidTime);
            return head;
        });
    }

    private void registerTenantMeters(String tenant) {
        tenantSamples.computeIfAbsent(tenant, t -> Counter.builder("tributary.ingester.tenant.ingested.samples")
                .description("Float samples and native histograms appended to this tenant's head.")
                .tag("user", t).register(registry));
        Gauge.builder("tributary.ingester.tenant.memory.series", heads, h -> {
                    TenantHead head = h.get(tenant);
                    return head == null ? 0 : head.numSeries();
                })
                .description("Series in this tenant's head: the tenant's active series until the next block cut "
                        + "truncates the head.")
                .tag("user", tenant).register(registry);
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
