package io.tributary.consumer;

/** Where a partition reader is in its life; shown per partition to the operator. */
public enum PartitionState {
    /** Resolving the start offset. */
    STARTING,
    /** Consuming towards the startup lag bound; the process is not ready yet. */
    CATCHING_UP,
    /** Caught up once; consuming as records arrive. */
    RUNNING,
    /** The last fetch or store failed and is being retried; see the last error. */
    FAILING,
    /** Stopped (shutdown, or for an offset reset). */
    STOPPED
}
