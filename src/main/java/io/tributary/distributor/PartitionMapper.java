package io.tributary.distributor;

/** Maps a series token (Mimir's 32-bit FNV-1 hash of tenant and labels) onto one of a topic's partitions. */
public interface PartitionMapper {
    /** The partition, in [0, partitionCount), that owns the given token. */
    int partitionOf(int token, int partitionCount);
}
