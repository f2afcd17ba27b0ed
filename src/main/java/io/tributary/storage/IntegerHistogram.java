package io.tributary.storage;

import java.util.Arrays;
import java.util.Objects;

/**
 * A native histogram with integer counts. Bucket counts are delta-encoded as on the wire and in chunks: the first
 * value of each side is the first bucket's count, every later one the difference to the bucket before.
 * {@code count} and {@code zeroCount} are unsigned 64-bit numbers (protobuf {@code uint64}). Arrays are not
 * copied; callers must not change them.
 */
public record IntegerHistogram(ResetHint resetHint, BucketLayout layout, long count, long zeroCount, double sum,
        long[] positiveDeltas, long[] negativeDeltas) implements NativeHistogram {

    public IntegerHistogram {
        Objects.requireNonNull(resetHint, "resetHint");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(positiveDeltas, "positiveDeltas");
        Objects.requireNonNull(negativeDeltas, "negativeDeltas");
    }

    /** A stale marker as Prometheus stores it: only the sum survives. */
    public static IntegerHistogram staleMarker() {
        return new IntegerHistogram(ResetHint.UNKNOWN, BucketLayout.EMPTY, 0, 0,
                Double.longBitsToDouble(STALE_NAN_BITS), new long[0], new long[0]);
    }

    @Override
    public IntegerHistogram withResetHint(ResetHint hint) {
        return new IntegerHistogram(hint, layout, count, zeroCount, sum, positiveDeltas, negativeDeltas);
    }

    /** The absolute count of each bucket, undoing the delta encoding. */
    public static long[] absolute(long[] deltas) {
        long[] counts = new long[deltas.length];
        long current = 0;
        for (int i = 0; i < deltas.length; i++) {
            current += deltas[i];
            counts[i] = current;
        }
        return counts;
    }

    @Override
    public boolean equals(Object o) {
        // The sum compares by its bits, so a stale marker never equals an ordinary NaN.
        return o instanceof IntegerHistogram h && h.resetHint == resetHint && h.layout.equals(layout)
                && h.count == count && h.zeroCount == zeroCount
                && Double.doubleToRawLongBits(h.sum) == Double.doubleToRawLongBits(sum)
                && Arrays.equals(h.positiveDeltas, positiveDeltas) && Arrays.equals(h.negativeDeltas, negativeDeltas);
    }

    @Override
    public int hashCode() {
        return Objects.hash(resetHint, layout, count, zeroCount, Double.doubleToRawLongBits(sum),
                Arrays.hashCode(positiveDeltas), Arrays.hashCode(negativeDeltas));
    }

    @Override
    public String toString() {
        return "IntegerHistogram[resetHint=" + resetHint + ", layout=" + layout + ", count="
                + Long.toUnsignedString(count) + ", zeroCount=" + Long.toUnsignedString(zeroCount) + ", sum=" + sum
                + ", positiveDeltas=" + Arrays.toString(positiveDeltas) + ", negativeDeltas="
                + Arrays.toString(negativeDeltas) + "]";
    }
}
