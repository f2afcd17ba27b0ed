package io.tributary.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a series' native histogram samples (protobuf messages, as the head keeps them) into Prometheus
 * histogram chunks, and decodes such chunks back into samples.
 *
 * <p>A chunk holds one kind (integer histograms in {@link ChunkEncoding#HISTOGRAM}, float ones in
 * {@link ChunkEncoding#FLOAT_HISTOGRAM}) with one bucket layout. A new chunk is cut at 120 samples, at a multiple
 * of the block range, when the kind changes, when the schema, zero threshold, spans or custom bounds change
 * (Prometheus would sometimes recode the open chunk to widen its layout; a new chunk is simpler and reads the
 * same), when a series turns from counter to gauge histograms or back, after a stale marker, and at a counter
 * reset. Its header says why, as far as is known: a gauge chunk; a counter reset (the sample said so, or
 * {@link CounterResets} found one); not a reset (the previous sample was compared and nothing went down); or
 * unknown, for the series' first chunk in the block, after a stale marker, a change of kind, schema or zero
 * threshold, or a switch from gauge, where there is nothing comparable before it.
 */
public final class HistogramChunks {
    private HistogramChunks() {
    }

    /**
     * The chunks for {@code samples}, which must be in increasing time order.
     *
     * @throws InvalidHistogramException if a sample is not a storable histogram message
     * @throws IllegalArgumentException if the timestamps do not increase
     */
    public static List<StoredChunk> encode(List<HistogramSample> samples, long rangeMillis) {
        if (rangeMillis <= 0) {
            throw new IllegalArgumentException("block range must be positive, got " + rangeMillis);
        }
        List<StoredChunk> out = new ArrayList<>();
        HistogramChunk current = null;
        NativeHistogram previous = null;
        long previousTime = Long.MIN_VALUE;
        for (HistogramSample sample : samples) {
            long t = sample.timestamp();
            if (previous != null && t <= previousTime) {
                throw new IllegalArgumentException("histogram at " + t + " does not follow the one at " + previousTime);
            }
            NativeHistogram h = decode(sample);
            if (current != null && fits(current, previous, t, h, rangeMillis)) {
                current.append(t, h);
            } else {
                if (current != null) {
                    out.add(current.toStored());
                }
                current = HistogramChunk.forKind(h, headerOfNewChunk(previous, h));
                current.append(t, h);
            }
            previous = h;
            previousTime = t;
        }
        if (current != null) {
            out.add(current.toStored());
        }
        return out;
    }

    /** Every sample of a histogram chunk, as protobuf messages (see {@link HistogramMessageEncoder}). */
    public static List<HistogramSample> decode(StoredChunk chunk) {
        return decode(chunk, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** The samples of a histogram chunk within [mint, maxt], as protobuf messages. */
    public static List<HistogramSample> decode(StoredChunk chunk, long mint, long maxt) {
        HistogramChunkIterator it = HistogramChunkIterator.of(chunk.encoding(), chunk.data());
        List<HistogramSample> out = new ArrayList<>(chunk.sampleCount());
        while (it.next()) {
            long t = it.timestamp();
            if (t > maxt) {
                break;
            }
            if (t >= mint) {
                out.add(new HistogramSample(t, HistogramMessageEncoder.encode(it.histogram(), t)));
            }
        }
        return out;
    }

    private static NativeHistogram decode(HistogramSample sample) {
        try {
            return HistogramMessageDecoder.decode(sample.encoded());
        } catch (InvalidHistogramException e) {
            throw new InvalidHistogramException("histogram at " + sample.timestamp() + ": " + e.getMessage());
        }
    }

    /** Whether {@code h} may join the open chunk, whose last sample is {@code previous}. */
    private static boolean fits(HistogramChunk chunk, NativeHistogram previous, long t, NativeHistogram h,
            long rangeMillis) {
        if (chunk.count() >= HistogramChunk.MAX_SAMPLES
                || Math.floorDiv(t, rangeMillis) != Math.floorDiv(chunk.minTime(), rangeMillis)
                || !chunk.stores(h)) {
            return false;
        }
        if (h.isStale()) {
            // Only its sum is stored, so a stale marker fits any layout.
            return true;
        }
        boolean gaugeChunk = chunk.header() == CounterResetHeader.GAUGE;
        if (previous.isStale() || h.isGauge() != gaugeChunk || h.resetHint() == ResetHint.YES
                || !h.layout().equals(chunk.layout())) {
            return false;
        }
        return gaugeChunk || CounterResets.between(previous, h) == CounterResets.Verdict.NO_RESET;
    }

    private static CounterResetHeader headerOfNewChunk(NativeHistogram previous, NativeHistogram h) {
        if (h.isGauge()) {
            return CounterResetHeader.GAUGE;
        }
        if (h.resetHint() == ResetHint.YES) {
            return CounterResetHeader.COUNTER_RESET;
        }
        if (previous == null || previous.isStale() || h.isStale() || previous.isGauge()
                || previous.getClass() != h.getClass()) {
            return CounterResetHeader.UNKNOWN;
        }
        return switch (CounterResets.between(previous, h)) {
            case RESET -> CounterResetHeader.COUNTER_RESET;
            case NO_RESET -> CounterResetHeader.NOT_COUNTER_RESET;
            case UNDECIDED -> CounterResetHeader.UNKNOWN;
        };
    }
}
