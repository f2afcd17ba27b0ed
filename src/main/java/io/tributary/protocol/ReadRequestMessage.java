package io.tributary.protocol;

import java.util.List;

/**
 * A decoded {@code prometheus.ReadRequest}. The accepted response types are kept as wire numbers, in the
 * client's order of preference, so that types this server does not know take part in
 * {@link ResponseType#negotiate negotiation} (and in its error message) instead of vanishing.
 */
public record ReadRequestMessage(List<ReadQuery> queries, List<Integer> acceptedResponseTypes) {
    public ReadRequestMessage {
        queries = List.copyOf(queries);
        acceptedResponseTypes = List.copyOf(acceptedResponseTypes);
    }
}
