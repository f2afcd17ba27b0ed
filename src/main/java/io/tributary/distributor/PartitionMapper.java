package io.tributary.distributor;

/**
 * Maps a 32-bit routing token to the partition that receives the series; implementations must be
 * thread-safe because every HTTP thread shares one.
 */
public interface PartitionMapper {

    /** Returns a partition in {@code [0, partitionCount)} for the (unsigned) {@code token}. */
    int partitionOf(int token, int partitionCount);
}
