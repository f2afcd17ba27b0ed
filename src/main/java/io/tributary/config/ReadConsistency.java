package io.tributary.config;

/** Default read consistency of queries ({@code ingest-storage.read-consistency}), as in Mimir. */
public enum ReadConsistency {
    /** Answer from what has been consumed so far. */
    EVENTUAL,
    /** Wait until the owned partitions are consumed up to the last offset produced when the query arrived. */
    STRONG
}
