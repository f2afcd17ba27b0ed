package io.tributary.protocol;

import java.util.List;

/**
 * {@code prometheus.ReadHints}: what the querying PromQL engine intends to do with the data. Decoded so that a
 * request carrying hints is accepted; the server is free to ignore them, and this one does.
 */
public record ReadHints(long stepMs, String func, long startMs, long endMs, List<String> grouping, boolean by,
                        long rangeMs) {
    public ReadHints {
        grouping = List.copyOf(grouping);
    }
}
