package io.tributary.query;

import io.tributary.storage.LabelMatcher;
import org.springframework.util.MultiValueMap;

import java.util.ArrayList;
import java.util.List;

/** The parsed parameters of a metadata request: one matcher list per {@code match[]}, an inclusive range, a limit. */
record MetadataParameters(List<List<LabelMatcher>> matcherSets, long start, long end, int limit) {

    static MetadataParameters from(MultiValueMap<String, String> params) {
        List<List<LabelMatcher>> sets = new ArrayList<>();
        for (String selector : params.getOrDefault("match[]", List.of())) {
            try {
                sets.add(SeriesSelectorParser.parse(selector));
            } catch (SeriesSelectorParser.SelectorSyntaxException e) {
                throw new InvalidQueryException("invalid parameter \"match[]\": " + e.getMessage());
            }
        }
        long start = ApiParameters.time("start", params.getFirst("start"), ApiParameters.MIN_TIME);
        long end = ApiParameters.time("end", params.getFirst("end"), ApiParameters.MAX_TIME);
        if (end < start) {
            throw new InvalidQueryException("invalid parameter \"end\": end timestamp must not be before start time");
        }
        int limit = ApiParameters.limit(params.getFirst("limit"));
        return new MetadataParameters(List.copyOf(sets), start, end, limit);
    }

    /** The selectors, or one empty matcher list (every series) when the request has none. */
    List<List<LabelMatcher>> matcherSetsOrAll() {
        return matcherSets.isEmpty() ? List.of(List.of()) : matcherSets;
    }
}
