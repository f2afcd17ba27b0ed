package io.tributary.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Merges the copies of one series that several sources returned (the head and a block cut from it hold the same
 * chunks until the head is truncated). Chunks are ordered by time; a chunk identical to one already kept is
 * dropped, and XOR chunks that overlap otherwise are decoded and re-encoded so no timestamp appears twice.
 * Where copies disagree at a timestamp, the copy listed first wins.
 */
final class SeriesMerger {
    private static final Comparator<SourcedChunk> BY_MIN_TIME = Comparator.comparingLong(c -> c.chunk().minTime());

    private SeriesMerger() {
    }

    /** @param copies the same series from each source, in priority order (earlier wins) */
    static SeriesChunks merge(List<SeriesChunks> copies) {
        if (copies.size() == 1) {
            return copies.get(0);
        }
        List<SourcedChunk> chunks = new ArrayList<>();
        List<HistogramSample> histograms = new ArrayList<>();
        for (int source = 0; source < copies.size(); source++) {
            for (StoredChunk chunk : copies.get(source).chunks()) {
                chunks.add(new SourcedChunk(chunk, source));
            }
            histograms.addAll(copies.get(source).histograms());
        }
        chunks.sort(BY_MIN_TIME);
        // A stable sort keeps the earlier copy first at an equal timestamp, which is what gives it priority.
        histograms.sort(Comparator.comparingLong(HistogramSample::timestamp));
        return new SeriesChunks(copies.get(0).labels(), mergeChunks(chunks), dropRepeatedTimestamps(histograms));
    }

    /** A chunk with the position of the source it came from, lower first. */
    private record SourcedChunk(StoredChunk chunk, int source) {
    }

    private static List<StoredChunk> mergeChunks(List<SourcedChunk> sorted) {
        List<StoredChunk> out = new ArrayList<>(sorted.size());
        List<SourcedChunk> group = new ArrayList<>();
        long groupMax = Long.MIN_VALUE;
        for (SourcedChunk sourced : sorted) {
            if (!group.isEmpty() && sourced.chunk().minTime() > groupMax) {
                resolve(group, out);
                group.clear();
            }
            group.add(sourced);
            groupMax = group.size() == 1 ? sourced.chunk().maxTime() : Math.max(groupMax, sourced.chunk().maxTime());
        }
        if (!group.isEmpty()) {
            resolve(group, out);
        }
        return out;
    }

    /** Adds one group of mutually overlapping chunks to {@code out} without repeated timestamps. */
    private static void resolve(List<SourcedChunk> group, List<StoredChunk> out) {
        List<SourcedChunk> distinct = new ArrayList<>(group.size());
        for (SourcedChunk sourced : group) {
            if (distinct.stream().noneMatch(kept -> sameChunk(kept.chunk(), sourced.chunk()))) {
                distinct.add(sourced);
            }
        }
        if (distinct.size() == 1) {
            out.add(distinct.get(0).chunk());
        } else if (distinct.stream().allMatch(c -> c.chunk().encoding() == ChunkEncoding.XOR)) {
            out.addAll(reencode(distinct));
        } else {
            // Only XOR can be decoded here; other encodings are passed on in time order for the reader to handle.
            distinct.forEach(c -> out.add(c.chunk()));
        }
    }

    private static boolean sameChunk(StoredChunk a, StoredChunk b) {
        return a.minTime() == b.minTime() && a.maxTime() == b.maxTime() && a.encoding() == b.encoding()
                && Arrays.equals(a.data(), b.data());
    }

    private record Sample(long timestamp, long valueBits, int source) {
    }

    private static List<StoredChunk> reencode(List<SourcedChunk> overlapping) {
        List<Sample> samples = new ArrayList<>();
        for (SourcedChunk sourced : overlapping) {
            XorIterator it = new XorIterator(sourced.chunk().data());
            while (it.next()) {
                samples.add(new Sample(it.timestamp(), it.valueBits(), sourced.source()));
            }
        }
        samples.sort(Comparator.comparingLong(Sample::timestamp).thenComparingInt(Sample::source));
        List<StoredChunk> out = new ArrayList<>();
        XorChunk current = new XorChunk();
        long last = Long.MIN_VALUE;
        boolean any = false;
        for (Sample sample : samples) {
            if (any && sample.timestamp() == last) {
                continue;
            }
            if (current.isFull()) {
                out.add(current.toStored());
                current = new XorChunk();
            }
            current.append(sample.timestamp(), sample.valueBits());
            last = sample.timestamp();
            any = true;
        }
        if (current.count() > 0) {
            out.add(current.toStored());
        }
        return out;
    }

    private static List<HistogramSample> dropRepeatedTimestamps(List<HistogramSample> sorted) {
        List<HistogramSample> out = new ArrayList<>(sorted.size());
        for (HistogramSample sample : sorted) {
            if (out.isEmpty() || out.get(out.size() - 1).timestamp() != sample.timestamp()) {
                out.add(sample);
            }
        }
        return out;
    }
}
