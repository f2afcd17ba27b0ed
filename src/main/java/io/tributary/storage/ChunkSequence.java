package io.tributary.storage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The chunks a block stores for one series: its float XOR chunks and its native histograms encoded into histogram
 * chunks (see {@link HistogramChunks}), as one time-ordered sequence in which no two chunks overlap, as
 * Prometheus's block readers require.
 *
 * <p>A series is almost always only floats or only histograms, and then its chunks are used as they are. When a
 * series changed type inside the range and the XOR chunks (which the head keeps open across histogram samples)
 * overlap histogram chunks in time, every sample is re-encoded in time order, a new chunk starting whenever the type
 * changes, as Prometheus's head would have cut them.
 */
public final class ChunkSequence {
    private ChunkSequence() {
    }

    /**
     * @param rangeMillis no chunk crosses a multiple of it
     * @throws InvalidHistogramException if a histogram sample cannot be stored
     * @throws IllegalArgumentException if a float and a histogram share a timestamp
     */
    public static List<StoredChunk> of(SeriesChunks series, long rangeMillis) {
        List<StoredChunk> floats = series.chunks();
        if (series.histograms().isEmpty()) {
            return floats;
        }
        List<StoredChunk> histograms = HistogramChunks.encode(series.histograms(), rangeMillis);
        if (floats.isEmpty()) {
            return histograms;
        }
        if (overlapping(floats, histograms)) {
            return interleaved(series, rangeMillis);
        }
        List<StoredChunk> all = new ArrayList<>(floats.size() + histograms.size());
        all.addAll(floats);
        all.addAll(histograms);
        all.sort(Comparator.comparingLong(StoredChunk::minTime));
        return all;
    }

    private static boolean overlapping(List<StoredChunk> a, List<StoredChunk> b) {
        for (StoredChunk x : a) {
            for (StoredChunk y : b) {
                if (x.overlaps(y.minTime(), y.maxTime())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<StoredChunk> interleaved(SeriesChunks series, long rangeMillis) {
        List<long[]> floats = new ArrayList<>();
        for (StoredChunk chunk : series.chunks()) {
            if (chunk.encoding() != ChunkEncoding.XOR) {
                throw new IllegalArgumentException(series.labels() + ": only XOR chunks can be merged with "
                        + "histogram samples, got encoding " + chunk.encoding());
            }
            XorIterator it = new XorIterator(chunk.data());
            while (it.next()) {
                floats.add(new long[] {it.timestamp(), it.valueBits()});
            }
        }
        floats.sort(Comparator.comparingLong(f -> f[0]));
        List<HistogramSample> histograms = series.histograms();
        List<StoredChunk> out = new ArrayList<>();
        int f = 0;
        int h = 0;
        while (f < floats.size() || h < histograms.size()) {
            if (h == histograms.size() || (f < floats.size() && floats.get(f)[0] < histograms.get(h).timestamp())) {
                int end = f;
                long until = h < histograms.size() ? histograms.get(h).timestamp() : Long.MAX_VALUE;
                while (end < floats.size() && floats.get(end)[0] < until) {
                    end++;
                }
                out.addAll(xorChunks(floats.subList(f, end), rangeMillis));
                f = end;
            } else {
                long until = f < floats.size() ? floats.get(f)[0] : Long.MAX_VALUE;
                if (until == histograms.get(h).timestamp()) {
                    throw new IllegalArgumentException(series.labels() + " has a float and a histogram sample at "
                            + until);
                }
                int end = h;
                while (end < histograms.size() && histograms.get(end).timestamp() < until) {
                    end++;
                }
                out.addAll(HistogramChunks.encode(histograms.subList(h, end), rangeMillis));
                h = end;
            }
        }
        return out;
    }

    private static List<StoredChunk> xorChunks(List<long[]> samples, long rangeMillis) {
        List<StoredChunk> out = new ArrayList<>();
        XorChunk chunk = new XorChunk();
        for (long[] s : samples) {
            if (chunk.count() > 0 && (chunk.isFull()
                    || Math.floorDiv(s[0], rangeMillis) != Math.floorDiv(chunk.minTime(), rangeMillis))) {
                out.add(chunk.toStored());
                chunk = new XorChunk();
            }
            chunk.append(s[0], s[1]);
        }
        if (chunk.count() > 0) {
            out.add(chunk.toStored());
        }
        return out;
    }
}
