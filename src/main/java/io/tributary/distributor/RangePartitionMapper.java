package io.tributary.distributor;

/**
 * Splits the unsigned 32-bit token space into {@code partitionCount} equal contiguous ranges.
 *
 * <p>A stand-in with no ring state, used until (and where) Mimir's partition-ring parity is not required.
 */
public final class RangePartitionMapper implements PartitionMapper {

    @Override
    public int partitionOf(int token, int partitionCount) {
        // Multiply-shift instead of modulo: no division, and contiguous token ranges per partition.
        return (int) (((token & 0xffffffffL) * partitionCount) >>> 32);
    }
}
