package io.tributary.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One tenant's in-memory TSDB head, after Prometheus's: series found by label set, each appending into an open
 * XOR chunk that is cut at 120 samples or at a block-range boundary, an inverted index for queries, and block
 * cutting by range followed by truncation. Safe for concurrent appenders and readers; see docs/head.md for the
 * order a block cutter must follow so that no accepted sample is lost.
 */
public final class TenantHead {
    private final String tenant;
    private final HeadOptions options;
    private final ConcurrentHashMap<Labels, HeadSeries> series = new ConcurrentHashMap<>();
    private final LabelIndex index = new LabelIndex();
    /** Series held or being created; checked against the limit before a series is built. */
    private final AtomicInteger reservedSeries = new AtomicInteger();
    private final AtomicLong nextSeriesId = new AtomicLong();
    private final AtomicLong minValidTime = new AtomicLong(Long.MIN_VALUE);
    private final TimeBounds bounds = new TimeBounds();
    private final Object truncation = new Object();

    public TenantHead(String tenant, HeadOptions options) {
        this.tenant = Objects.requireNonNull(tenant);
        this.options = Objects.requireNonNull(options);
    }

    public String tenant() {
        return tenant;
    }

    public HeadOptions options() {
        return options;
    }

    /** Appends a float sample; {@code valueBits} are raw IEEE-754 bits, so stale markers stay bit-exact. */
    public AppendOutcome appendFloat(Labels labels, long timestamp, long valueBits) {
        // This loop and appendHistogram's are twins on purpose: sharing one through a lambda would allocate a
        // capturing lambda per sample on the hottest path.
        while (true) {
            HeadSeries s = series.get(labels);
            if (s == null) {
                if (timestamp < minValidTime.get()) {
                    return AppendOutcome.TOO_OLD;
                }
                s = create(labels);
                if (s == null) {
                    return AppendOutcome.SERIES_LIMIT;
                }
            }
            AppendOutcome outcome = s.appendFloat(timestamp, valueBits, minValidTime, options.blockRangeMillis());
            if (outcome != null) {
                if (outcome == AppendOutcome.APPENDED) {
                    bounds.record(timestamp);
                }
                return outcome;
            }
            series.remove(s.labels, s);
        }
    }

    /**
     * Appends a native histogram sample (its protobuf {@code Histogram} message). The array is kept as given, so
     * the caller must not change it afterwards. A message the block writer could not store is refused as
     * {@link AppendOutcome#INVALID_HISTOGRAM}.
     */
    public AppendOutcome appendHistogram(Labels labels, long timestamp, byte[] encodedHistogram) {
        Objects.requireNonNull(encodedHistogram);
        try {
            HistogramMessageDecoder.decode(encodedHistogram);
        } catch (InvalidHistogramException e) {
            return AppendOutcome.INVALID_HISTOGRAM;
        }
        while (true) {
            HeadSeries s = series.get(labels);
            if (s == null) {
                if (timestamp < minValidTime.get()) {
                    return AppendOutcome.TOO_OLD;
                }
                s = create(labels);
                if (s == null) {
                    return AppendOutcome.SERIES_LIMIT;
                }
            }
            AppendOutcome outcome = s.appendHistogram(timestamp, encodedHistogram, minValidTime);
            if (outcome != null) {
                if (outcome == AppendOutcome.APPENDED) {
                    bounds.record(timestamp);
                }
                return outcome;
            }
            series.remove(s.labels, s);
        }
    }

    /** The series this head keeps for {@code labels}, or null: a handle for {@link #appendFloat(HeadSeries, long, long)}. */
    public HeadSeries find(Labels labels) {
        return series.get(labels);
    }

    /**
     * Appends a float sample to a series this head handed out before ({@link #find}), without looking it up by
     * labels: with many series that lookup is a chain of cache misses costing more than the append itself.
     * Returns null when truncation has removed the series since; the caller then appends by labels.
     */
    public AppendOutcome appendFloat(HeadSeries handle, long timestamp, long valueBits) {
        AppendOutcome outcome = handle.appendFloat(timestamp, valueBits, minValidTime, options.blockRangeMillis());
        if (outcome == AppendOutcome.APPENDED) {
            bounds.record(timestamp);
        }
        return outcome;
    }

    /** The series for {@code labels}, created and indexed if needed; null when the series limit forbids it. */
    private HeadSeries create(Labels labels) {
        int limit = options.maxSeries();
        int reserved = reservedSeries.incrementAndGet();
        if (limit > 0 && reserved > limit) {
            reservedSeries.decrementAndGet();
            // Another appender may have just created this very series, which needs no new slot.
            return series.get(labels);
        }
        HeadSeries created = new HeadSeries(index.intern(labels), nextSeriesId.incrementAndGet());
        // Held until the series is indexed, so truncation cannot unindex it before it is indexed.
        synchronized (created) {
            HeadSeries existing = series.putIfAbsent(created.labels, created);
            if (existing != null) {
                reservedSeries.decrementAndGet();
                return existing;
            }
            index.add(created);
        }
        return created;
    }

    /**
     * Refuses samples older than {@code t} from now on (Prometheus's "out of bounds"). Only ever raises the
     * bound: the range below it has been, or is being, cut into a block.
     */
    public void setMinValidTime(long t) {
        minValidTime.accumulateAndGet(t, Math::max);
    }

    public long minValidTime() {
        return minValidTime.get();
    }

    /** The earliest sample in the head, Long.MAX_VALUE when it is empty. */
    public long minTime() {
        return bounds.min();
    }

    /** The latest sample in the head, Long.MIN_VALUE when it is empty. */
    public long maxTime() {
        return bounds.max();
    }

    public int numSeries() {
        return series.size();
    }

    /**
     * Every series with data in [mint, maxtExclusive), sorted by labels: the chunks lying wholly in the range
     * (the open one copied as it stands) and the histogram samples in it. Called with block-aligned bounds,
     * "wholly" loses nothing, because no chunk spans a block boundary.
     */
    public List<SeriesChunks> chunksForRange(long mint, long maxtExclusive) {
        List<SeriesChunks> out = new ArrayList<>();
        for (HeadSeries s : series.values()) {
            SeriesChunks within = s.within(mint, maxtExclusive);
            if (within != null) {
                out.add(within);
            }
        }
        out.sort((a, b) -> a.labels().compareTo(b.labels()));
        return out;
    }

    /**
     * Drops chunks that end before {@code t} and histogram samples before it, removes series left empty (freeing
     * their series-limit slots) and raises the min valid time to at least {@code t}. Appenders carry on
     * meanwhile; one that holds a series being removed looks it up again and creates it anew.
     */
    public void truncateBefore(long t) {
        synchronized (truncation) {
            setMinValidTime(t);
            bounds.beginRescan();
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            Set<HeadSeries> removed = Collections.newSetFromMap(new IdentityHashMap<>());
            for (HeadSeries s : series.values()) {
                if (s.truncateBefore(t)) {
                    removed.add(s);
                    series.remove(s.labels, s);
                    reservedSeries.decrementAndGet();
                } else {
                    min = Math.min(min, s.minTime());
                    max = Math.max(max, s.maxTime());
                }
            }
            index.remove(removed);
            bounds.endRescan(min, max);
        }
    }

    /** A querier over the head as it is at each call; it copies open chunks, so results stay consistent. */
    public ChunkQuerier querier() {
        return new HeadQuerier(this);
    }

    Collection<HeadSeries> allSeries() {
        return series.values();
    }

    LabelIndex index() {
        return index;
    }
}
