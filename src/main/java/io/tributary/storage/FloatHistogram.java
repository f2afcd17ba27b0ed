package io.tributary.storage;

import java.util.Arrays;
import java.util.Objects;

/**
 * A native histogram with float counts (recording rules and some senders produce them). Bucket counts are
 * absolute. Arrays are not copied; callers must not change them.
 */
public record FloatHistogram(ResetHint resetHint, BucketLayout layout, double count, double zeroCount, double sum,
        double[] positiveCounts, double[] negativeCounts) implements NativeHistogram {

    public FloatHistogram {
        Objects.requireNonNull(resetHint, "resetHint");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(positiveCounts, "positiveCounts");
        Objects.requireNonNull(negativeCounts, "negativeCounts");
    }

    /** A stale marker as Prometheus stores it: only the sum survives. */
    public static FloatHistogram staleMarker() {
        return new FloatHistogram(ResetHint.UNKNOWN, BucketLayout.EMPTY, 0, 0,
                Double.longBitsToDouble(STALE_NAN_BITS), new double[0], new double[0]);
    }

    @Override
    public FloatHistogram withResetHint(ResetHint hint) {
        return new FloatHistogram(hint, layout, count, zeroCount, sum, positiveCounts, negativeCounts);
    }

    @Override
    public boolean equals(Object o) {
        // Values compare by their bits: chunks keep floats bit for bit, and a stale marker is not any NaN.
        return o instanceof FloatHistogram h && h.resetHint == resetHint && h.layout.equals(layout)
                && sameBits(h.count, count) && sameBits(h.zeroCount, zeroCount) && sameBits(h.sum, sum)
                && sameBits(h.positiveCounts, positiveCounts) && sameBits(h.negativeCounts, negativeCounts);
    }

    private static boolean sameBits(double a, double b) {
        return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
    }

    private static boolean sameBits(double[] a, double[] b) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!sameBits(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(resetHint, layout, Double.doubleToRawLongBits(count),
                Double.doubleToRawLongBits(zeroCount), Double.doubleToRawLongBits(sum),
                Arrays.hashCode(positiveCounts), Arrays.hashCode(negativeCounts));
    }

    @Override
    public String toString() {
        return "FloatHistogram[resetHint=" + resetHint + ", layout=" + layout + ", count=" + count + ", zeroCount="
                + zeroCount + ", sum=" + sum + ", positiveCounts=" + Arrays.toString(positiveCounts)
                + ", negativeCounts=" + Arrays.toString(negativeCounts) + "]";
    }
}
