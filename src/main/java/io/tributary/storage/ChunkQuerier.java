package io.tributary.storage;

import java.util.List;
import java.util.SortedSet;

/**
 * Read access shared by the head and by blocks. Time bounds are inclusive milliseconds; a series is returned
 * when it matches every matcher and has at least one chunk overlapping the range. Results are sorted by labels.
 */
public interface ChunkQuerier {
    List<SeriesChunks> select(long mint, long maxt, List<LabelMatcher> matchers);

    /** Label names of the series that {@link #select} would return (all series when there are no matchers). */
    SortedSet<String> labelNames(long mint, long maxt, List<LabelMatcher> matchers);

    /** Values of one label over the series that {@link #select} would return; empty values are never listed. */
    SortedSet<String> labelValues(String name, long mint, long maxt, List<LabelMatcher> matchers);
}
