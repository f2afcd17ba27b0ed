package io.tributary.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One series in a {@link TenantHead}: an open XOR chunk, the chunks closed before it and its native histogram
 * samples. Every method holds the series' monitor, which is the per-series lock: appenders of one series queue
 * on it, and readers copy what they need under it.
 *
 * <p>Public only as an opaque handle ({@link TenantHead#find}); everything but its labels stays inside the head.
 *
 * <p>Kept small on purpose (primitive fields, arrays instead of lists) because a head holds one per active
 * series.
 */
public final class HeadSeries {
    private static final StoredChunk[] NO_CHUNKS = new StoredChunk[0];
    private static final HistogramSample[] NO_HISTOGRAMS = new HistogramSample[0];
    private static final byte NO_SAMPLE = 0;
    private static final byte FLOAT = 1;
    private static final byte HISTOGRAM = 2;

    final Labels labels;
    /** Creation order; postings are sorted by it so they can be intersected. */
    final long id;

    private XorChunk open;
    private StoredChunk[] closed = NO_CHUNKS;
    private HistogramSample[] histograms = NO_HISTOGRAMS;
    private int histogramCount;
    /** Floats and histograms of one series share one order, as in Prometheus. */
    private long lastTimestamp = Long.MIN_VALUE;
    private long lastValueBits;
    private byte lastKind = NO_SAMPLE;
    /** Set by truncation when the series is left empty; an appender that sees it must look the series up again. */
    private boolean removed;

    HeadSeries(Labels labels, long id) {
        this.labels = labels;
        this.id = id;
    }

    public Labels labels() {
        return labels;
    }

    /**
     * Appends a float sample, or returns null when truncation removed this series (the caller retries on a
     * fresh one). The min valid time is read here, under the lock, so that a block cutter which raises it and
     * then snapshots this series sees every sample that was accepted against the old value.
     */
    synchronized AppendOutcome appendFloat(long timestamp, long valueBits, AtomicLong minValidTime, long blockRange) {
        if (removed) {
            return null;
        }
        AppendOutcome refusal = checkOrder(timestamp, minValidTime);
        if (refusal != null) {
            if (refusal == AppendOutcome.DUPLICATE_DIFFERENT_VALUE && lastKind == FLOAT && lastValueBits == valueBits) {
                return AppendOutcome.DUPLICATE_IGNORED;
            }
            return refusal;
        }
        if (open == null || open.isFull()
                || Math.floorDiv(timestamp, blockRange) != Math.floorDiv(open.minTime(), blockRange)) {
            cutChunk();
        }
        open.append(timestamp, valueBits);
        lastTimestamp = timestamp;
        lastValueBits = valueBits;
        lastKind = FLOAT;
        return AppendOutcome.APPENDED;
    }

    /** As {@link #appendFloat}, for a native histogram; the array is kept, not copied. */
    synchronized AppendOutcome appendHistogram(long timestamp, byte[] encoded, AtomicLong minValidTime) {
        if (removed) {
            return null;
        }
        AppendOutcome refusal = checkOrder(timestamp, minValidTime);
        if (refusal != null) {
            if (refusal == AppendOutcome.DUPLICATE_DIFFERENT_VALUE && lastKind == HISTOGRAM
                    && Arrays.equals(histograms[histogramCount - 1].encoded(), encoded)) {
                return AppendOutcome.DUPLICATE_IGNORED;
            }
            return refusal;
        }
        if (histogramCount == histograms.length) {
            histograms = Arrays.copyOf(histograms, Math.max(4, histogramCount + (histogramCount >> 1)));
        }
        histograms[histogramCount++] = new HistogramSample(timestamp, encoded);
        lastTimestamp = timestamp;
        lastKind = HISTOGRAM;
        return AppendOutcome.APPENDED;
    }

    /** The refusal for a sample at {@code timestamp}; same-timestamp samples get DUPLICATE_DIFFERENT_VALUE. */
    private AppendOutcome checkOrder(long timestamp, AtomicLong minValidTime) {
        if (timestamp < minValidTime.get()) {
            return AppendOutcome.TOO_OLD;
        }
        if (lastKind != NO_SAMPLE && timestamp < lastTimestamp) {
            return AppendOutcome.OUT_OF_ORDER;
        }
        if (lastKind != NO_SAMPLE && timestamp == lastTimestamp) {
            return AppendOutcome.DUPLICATE_DIFFERENT_VALUE;
        }
        return null;
    }

    private void cutChunk() {
        if (open != null) {
            closed = Arrays.copyOf(closed, closed.length + 1);
            closed[closed.length - 1] = open.toStored();
        }
        open = new XorChunk();
    }

    /** Chunks overlapping [mint, maxt] and histograms inside it, or null when there are none. */
    synchronized SeriesChunks overlapping(long mint, long maxt) {
        List<StoredChunk> chunks = new ArrayList<>(2);
        for (StoredChunk chunk : closed) {
            if (chunk.overlaps(mint, maxt)) {
                chunks.add(chunk);
            }
        }
        if (open != null && open.minTime() <= maxt && open.maxTime() >= mint) {
            chunks.add(open.toStored());
        }
        List<HistogramSample> inRange = histogramsIn(mint, maxt);
        return chunks.isEmpty() && inRange.isEmpty() ? null : new SeriesChunks(labels, chunks, inRange);
    }

    /** Chunks lying wholly in [mint, maxtExclusive) and histograms in it, or null when there are none. */
    synchronized SeriesChunks within(long mint, long maxtExclusive) {
        List<StoredChunk> chunks = new ArrayList<>(4);
        for (StoredChunk chunk : closed) {
            if (chunk.minTime() >= mint && chunk.maxTime() < maxtExclusive) {
                chunks.add(chunk);
            }
        }
        if (open != null && open.minTime() >= mint && open.maxTime() < maxtExclusive) {
            chunks.add(open.toStored());
        }
        List<HistogramSample> inRange = maxtExclusive == Long.MIN_VALUE ? List.of()
                : histogramsIn(mint, maxtExclusive - 1);
        return chunks.isEmpty() && inRange.isEmpty() ? null : new SeriesChunks(labels, chunks, inRange);
    }

    /** True when a chunk overlaps [mint, maxt] or a histogram lies in it; copies nothing. */
    synchronized boolean hasDataIn(long mint, long maxt) {
        for (StoredChunk chunk : closed) {
            if (chunk.overlaps(mint, maxt)) {
                return true;
            }
        }
        if (open != null && open.minTime() <= maxt && open.maxTime() >= mint) {
            return true;
        }
        int first = firstHistogramAtOrAfter(mint);
        return first < histogramCount && histograms[first].timestamp() <= maxt;
    }

    private List<HistogramSample> histogramsIn(long mint, long maxt) {
        int from = firstHistogramAtOrAfter(mint);
        int to = from;
        while (to < histogramCount && histograms[to].timestamp() <= maxt) {
            to++;
        }
        return from == to ? List.of() : Arrays.asList(Arrays.copyOfRange(histograms, from, to));
    }

    private int firstHistogramAtOrAfter(long t) {
        int lo = 0;
        int hi = histogramCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (histograms[mid].timestamp() < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Drops chunks ending before {@code t} and histograms before it. When nothing is left the series marks
     * itself removed (appenders holding it will look again) and returns true.
     */
    synchronized boolean truncateBefore(long t) {
        int keep = 0;
        while (keep < closed.length && closed[keep].maxTime() < t) {
            keep++;
        }
        if (keep > 0) {
            closed = keep == closed.length ? NO_CHUNKS : Arrays.copyOfRange(closed, keep, closed.length);
        }
        if (open != null && open.maxTime() < t) {
            open = null;
        }
        int firstKept = firstHistogramAtOrAfter(t);
        if (firstKept > 0) {
            int left = histogramCount - firstKept;
            histograms = left == 0 ? NO_HISTOGRAMS : Arrays.copyOfRange(histograms, firstKept, histogramCount);
            histogramCount = left;
        }
        // A series created but not yet appended to is empty too; its creator sees the flag and starts over.
        removed = closed.length == 0 && open == null && histogramCount == 0;
        return removed;
    }

    /** The earliest sample time, Long.MAX_VALUE when the series holds nothing. */
    synchronized long minTime() {
        long min = Long.MAX_VALUE;
        if (closed.length > 0) {
            min = closed[0].minTime();
        } else if (open != null) {
            min = open.minTime();
        }
        return histogramCount > 0 ? Math.min(min, histograms[0].timestamp()) : min;
    }

    /** The latest sample time, Long.MIN_VALUE when the series holds nothing. */
    synchronized long maxTime() {
        return closed.length == 0 && open == null && histogramCount == 0 ? Long.MIN_VALUE : lastTimestamp;
    }
}
