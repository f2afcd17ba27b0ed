package io.tributary.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The {@link ChunkQuerier} of a {@link TenantHead}. Matchers that cannot match "" narrow the candidates through
 * the index (a postings lookup for {@code =}, a scan of the label's values for the others); every matcher is
 * then checked against each candidate's labels, which is how absent labels meet {@code =""}, {@code !=} and
 * {@code !~}. Without such a matcher all series are candidates, as in Prometheus.
 */
final class HeadQuerier implements ChunkQuerier {
    private static final Comparator<LabelMatcher> EQUAL_FIRST =
            Comparator.comparingInt(m -> m.type() == LabelMatcher.Type.EQUAL ? 0 : 1);

    private final TenantHead head;

    HeadQuerier(TenantHead head) {
        this.head = head;
    }

    @Override
    public List<SeriesChunks> select(long mint, long maxt, List<LabelMatcher> matchers) {
        List<SeriesChunks> out = new ArrayList<>();
        for (HeadSeries s : candidates(matchers)) {
            SeriesChunks chunks = s.overlapping(mint, maxt);
            if (chunks != null) {
                out.add(chunks);
            }
        }
        out.sort((a, b) -> a.labels().compareTo(b.labels()));
        return out;
    }

    @Override
    public SortedSet<String> labelNames(long mint, long maxt, List<LabelMatcher> matchers) {
        SortedSet<String> names = new TreeSet<>();
        for (HeadSeries s : candidates(matchers)) {
            if (s.hasDataIn(mint, maxt)) {
                for (int i = 0; i < s.labels.size(); i++) {
                    names.add(s.labels.name(i));
                }
            }
        }
        return names;
    }

    @Override
    public SortedSet<String> labelValues(String name, long mint, long maxt, List<LabelMatcher> matchers) {
        List<LabelMatcher> withName = new ArrayList<>(matchers);
        // Only series carrying the label have a value to list; this also lets the index do the narrowing.
        withName.add(LabelMatcher.of(LabelMatcher.Type.NOT_EQUAL, name, ""));
        SortedSet<String> values = new TreeSet<>();
        for (HeadSeries s : candidates(withName)) {
            if (s.hasDataIn(mint, maxt)) {
                values.add(s.labels.get(name));
            }
        }
        return values;
    }

    private List<HeadSeries> candidates(List<LabelMatcher> matchers) {
        List<LabelMatcher> narrowing = new ArrayList<>();
        for (LabelMatcher m : matchers) {
            if (!m.matchesEmpty()) {
                narrowing.add(m);
            }
        }
        narrowing.sort(EQUAL_FIRST);
        Iterable<HeadSeries> pool;
        if (narrowing.isEmpty()) {
            pool = head.allSeries();
        } else {
            HeadSeries[] ids = null;
            for (LabelMatcher m : narrowing) {
                HeadSeries[] matching = head.index().matching(m);
                ids = ids == null ? matching : LabelIndex.intersect(ids, matching);
                if (ids.length == 0) {
                    return List.of();
                }
            }
            pool = Arrays.asList(ids);
        }
        List<HeadSeries> out = new ArrayList<>();
        for (HeadSeries s : pool) {
            if (matchesAll(s.labels, matchers)) {
                out.add(s);
            }
        }
        return out;
    }

    private static boolean matchesAll(Labels labels, List<LabelMatcher> matchers) {
        for (LabelMatcher m : matchers) {
            if (!m.matches(labels.get(m.name()))) {
                return false;
            }
        }
        return true;
    }
}
