package io.tributary.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A {@link ChunkQuerier} over several others (the head and the blocks not yet shipped): a series found in more
 * than one is returned once, its chunks and histograms merged in time order without repeating a timestamp.
 * Where sources disagree at a timestamp, the one listed first wins, so list the head first.
 */
public final class MergedQuerier implements ChunkQuerier {
    private final List<ChunkQuerier> sources;

    public MergedQuerier(List<? extends ChunkQuerier> sources) {
        this.sources = List.copyOf(sources);
    }

    @Override
    public List<SeriesChunks> select(long mint, long maxt, List<LabelMatcher> matchers) {
        if (sources.size() == 1) {
            return sources.get(0).select(mint, maxt, matchers);
        }
        Map<Labels, List<SeriesChunks>> byLabels = new TreeMap<>();
        for (ChunkQuerier source : sources) {
            for (SeriesChunks series : source.select(mint, maxt, matchers)) {
                byLabels.computeIfAbsent(series.labels(), l -> new ArrayList<>(sources.size())).add(series);
            }
        }
        List<SeriesChunks> out = new ArrayList<>(byLabels.size());
        for (List<SeriesChunks> copies : byLabels.values()) {
            out.add(SeriesMerger.merge(copies));
        }
        return out;
    }

    @Override
    public SortedSet<String> labelNames(long mint, long maxt, List<LabelMatcher> matchers) {
        SortedSet<String> names = new TreeSet<>();
        for (ChunkQuerier source : sources) {
            names.addAll(source.labelNames(mint, maxt, matchers));
        }
        return names;
    }

    @Override
    public SortedSet<String> labelValues(String name, long mint, long maxt, List<LabelMatcher> matchers) {
        SortedSet<String> values = new TreeSet<>();
        for (ChunkQuerier source : sources) {
            values.addAll(source.labelValues(name, mint, maxt, matchers));
        }
        return values;
    }
}
