package io.tributary.protocol;

/**
 * One float sample of a decoded record. The value is kept as raw IEEE-754 bits so that the Prometheus stale
 * marker (a specific NaN) survives comparisons and re-encoding unchanged.
 */
public record Sample(long valueBits, long timestamp) {

    public static Sample of(double value, long timestamp) {
        return new Sample(Double.doubleToRawLongBits(value), timestamp);
    }

    public double value() {
        return Double.longBitsToDouble(valueBits);
    }
}
