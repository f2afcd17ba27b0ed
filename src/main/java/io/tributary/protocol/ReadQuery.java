package io.tributary.protocol;

import java.util.List;

/**
 * One {@code prometheus.Query} of a remote-read request: an inclusive millisecond range and the matchers a series
 * must satisfy. {@code hints} is null when the client sent none.
 */
public record ReadQuery(long startMs, long endMs, List<MatcherSpec> matchers, ReadHints hints) {
    public ReadQuery {
        matchers = List.copyOf(matchers);
    }
}
