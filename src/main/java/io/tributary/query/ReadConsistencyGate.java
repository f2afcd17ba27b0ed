package io.tributary.query;

/**
 * Holds a query back until the data it must see has been consumed, as Mimir's ingest-storage read consistency
 * does: with {@code strong}, until the tenant's partitions are consumed up to the offsets produced when the query
 * arrived; with {@code eventual}, not at all.
 */
public interface ReadConsistencyGate {

    /**
     * Returns once {@code tenant}'s query may run.
     *
     * @param consistencyHeader the request's {@code X-Read-Consistency} value, already checked to be
     *                          {@code strong} or {@code eventual} (lower case); null when the request has none,
     *                          and the configured default ({@code ingest-storage.read-consistency}) applies
     * @throws ReadConsistencyException when the data cannot be caught up with in time, or the offsets to wait
     *                                  for cannot be read; the query is answered with 503 and the reason
     */
    void await(String tenant, String consistencyHeader) throws ReadConsistencyException;
}
