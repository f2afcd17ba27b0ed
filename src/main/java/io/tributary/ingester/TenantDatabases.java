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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final IngestionConcurrency concurrency;
    private final Counter parallelAppends;
    private ThreadPoolExecutor appendThreads;

    public TenantDatabases(HeadOptions headOptions, ReplayCheckpoint checkpoint, LocalBlocks blocks,
            MeterRegistry registry) {
        this(headOptions, checkpoint, blocks, registry, LabelBytesInterner.COPY, IngestionConcurrency.SEQUENTIAL);
    }

    /**
     * @param labelKeys where the series caches take their key arrays from, to share them with the write path
     * @param concurrency how many threads may append one large record
     */
    TenantDatabases(HeadOptions headOptions, ReplayCheckpoint checkpoint, LocalBlocks blocks,
            MeterRegistry registry, LabelBytesInterner labelKeys, IngestionConcurrency concurrency) {
        this.labelKeys = labelKeys;
        this.concurrency = concurrency;
        this.parallelAppends = Counter.builder("tributary.ingester.parallel.appends")
                .description("Records whose series were appended by more than one thread "
                        + "(ingest-storage.kafka.ingestion-concurrency-*).").register(registry);
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
        int shards = concurrency.shardsFor(record.buffer().length, record.seriesCount());
        Appended total = shards > 1 ? appendInShards(head, record, cache, shards) : appendInOrder(head, record, cache);
        long floor = minValidTime;
        if (total.maxTs != Long.MIN_VALUE && total.maxTs >= floor) {
            windows.register(partition, offset, Math.max(total.minTs, floor), total.maxTs);
        }
        windows.stored(partition, offset + 1);
        ingestedSamples.increment(total.appended);
        tenantSamples.get(head.tenant()).increment(total.appended);
        return new StoreResult(total.appended, total.rejected == null ? Map.of() : total.rejected);
    }

    private Appended appendInOrder(TenantHead head, ScannedRequest record, SeriesCache cache) {
        Appended appended = new Appended();
        for (int s = 0; s < record.seriesCount(); s++) {
            if (hasSamples(record, s)) {
                HeadSeries created = appendSeries(head, record, s, cache.get(record, s), appended);
                if (created != null) {
                    cache.putLast(created);
                }
            }
        }
        cache.forgetKey();
        return appended;
    }

    /**
     * Splits the record's series into {@code shards} ranges appended at once, this thread taking the first. The
     * cache is only used here, before and after: it is not thread safe. Series order inside a series is kept
     * because a series lies in one range, and across records because the reader waits for every range.
     */
    private Appended appendInShards(TenantHead head, ScannedRequest record, SeriesCache cache, int shards) {
        int count = record.seriesCount();
        HeadSeries[] cached = new HeadSeries[count];
        for (int s = 0; s < count; s++) {
            cached[s] = hasSamples(record, s) ? cache.get(record, s) : null;
        }
        cache.forgetKey();
        HeadSeries[] created = new HeadSeries[count];
        Appended[] parts = new Appended[shards];
        CompletableFuture<?>[] others = new CompletableFuture<?>[shards - 1];
        for (int k = 1; k < shards; k++) {
            int shard = k;
            others[k - 1] = CompletableFuture.runAsync(
                    () -> parts[shard] = appendRange(head, record, shard, shards, cached, created), appendThreads());
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(others);
        try {
            parts[0] = appendRange(head, record, 0, shards, cached, created);
        } finally {
            // Even when this range failed: the others are still appending under this record's window lock.
            all.exceptionally(e -> null).join();
        }
        all.join(); // rethrows a range's failure; the record is then retried whole
        for (int s = 0; s < count; s++) {
            if (created[s] != null) {
                cache.put(record, s, created[s]);
            }
        }
        parallelAppends.increment();
        Appended total = new Appended();
        for (Appended part : parts) {
            total.add(part);
        }
        return total;
    }

    private Appended appendRange(TenantHead head, ScannedRequest record, int shard, int shards, HeadSeries[] cached,
            HeadSeries[] created) {
        Appended appended = new Appended();
        int count = record.seriesCount();
        for (int s = (int) ((long) count * shard / shards), end = (int) ((long) count * (shard + 1) / shards);
                s < end; s++) {
            if (hasSamples(record, s)) {
                created[s] = appendSeries(head, record, s, cached[s], appended);
            }
        }
        return appended;
    }

    private static boolean hasSamples(ScannedRequest record, int s) {
        // Series with metadata or exemplars only have nothing for the head.
        return record.sampleCount(s) != 0 || record.histogramCount(s) != 0;
    }

    /**
     * Appends series {@code s}'s samples to {@code series} (the cached head series, or null) and returns the head
     * series to cache from now on, or null when the cached one stays right.
     */
    private static HeadSeries appendSeries(TenantHead head, ScannedRequest record, int s, HeadSeries series,
            Appended appended) {
        SampleColumns samples = record.samples();
        HistogramColumns histograms = record.histograms();
        Labels labels = series != null ? series.labels() : SeriesCache.decode(record, s);
        boolean refresh = series == null;
        // Per series in locals, per record in the Appended: the loops below run once per sample.
        long count = 0;
        long minTs = Long.MAX_VALUE;
        long maxTs = Long.MIN_VALUE;
        for (int i = record.sampleFirst(s), end = i + record.sampleCount(s); i < end; i++) {
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
            count += appended.tally(outcome);
        }
        byte[] buf = record.buffer();
        for (int i = record.histogramFirst(s), end = i + record.histogramCount(s); i < end; i++) {
            long ts = histograms.timestamp(i);
            minTs = Math.min(minTs, ts);
            maxTs = Math.max(maxTs, ts);
            int from = histograms.offset(i);
            byte[] encoded = Arrays.copyOfRange(buf, from, from + histograms.length(i));
            count += appended.tally(head.appendHistogram(labels, ts, encoded));
        }
        appended.add(count, minTs, maxTs);
        return refresh ? series : null;
    }

    /** What appending part of a record did: samples appended, their time range, data errors by reason. */
    private static final class Appended {
        long appended;
        long minTs = Long.MAX_VALUE;
        long maxTs = Long.MIN_VALUE;
        Map<String, Long> rejected;

        /** 1 for an appended sample, else 0; a data error is counted by its reason. */
        int tally(AppendOutcome outcome) {
            if (outcome == AppendOutcome.APPENDED) {
                return 1;
            }
            if (outcome.isDataError()) {
                rejected = TenantDatabases.count(rejected, outcome.reason(), 1);
            }
            return 0;
        }

        void add(long count, long min, long max) {
            appended += count;
            minTs = Math.min(minTs, min);
            maxTs = Math.max(maxTs, max);
        }

        void add(Appended other) {
            add(other.appended, other.minTs, other.maxTs);
            if (other.rejected != null) {
                other.rejected.forEach((reason, n) -> rejected = TenantDatabases.count(rejected, reason, n));
            }
        }
    }

    /** The shared append threads, started on the first record that needs them; idle ones end after a while. */
    private synchronized Executor appendThreads() {
        if (appendThreads == null) {
            AtomicInteger number = new AtomicInteger();
            appendThreads = new ThreadPoolExecutor(concurrency.max() - 1, concurrency.max() - 1,
                    30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                        Thread thread = new Thread(r, "ingester-append-" + number.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            appendThreads.allowCoreThreadTimeOut(true);
        }
        return appendThreads;
    }

    private static Map<String, Long> count(Map<String, Long> rejected, String reason, long n) {
        Map<String, Long> map = rejected == null ? new HashMap<>() : rejected;
        map.merge(reason, n, Long::sum);
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
