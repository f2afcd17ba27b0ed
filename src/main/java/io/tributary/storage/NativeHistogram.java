package io.tributary.storage;

/**
 * A decoded Prometheus native histogram: an {@link IntegerHistogram} (counts are integers, buckets delta-encoded,
 * Prometheus's {@code histogram.Histogram}) or a {@link FloatHistogram} (counts are floats, buckets absolute,
 * {@code histogram.FloatHistogram}). The two are stored in different chunk encodings and stay what they are.
 */
public sealed interface NativeHistogram permits IntegerHistogram, FloatHistogram {
    /** Prometheus's stale marker; a histogram whose sum has exactly these bits marks the series stale. */
    long STALE_NAN_BITS = 0x7ff0000000000002L;

    ResetHint resetHint();

    BucketLayout layout();

    double sum();

    /** The same histogram with another reset hint. */
    NativeHistogram withResetHint(ResetHint hint);

    /**
     * True for a stale marker. Prometheus keeps only the sum of one: its count, zero count and buckets are not
     * stored and read back as empty.
     */
    default boolean isStale() {
        return Double.doubleToRawLongBits(sum()) == STALE_NAN_BITS;
    }

    default boolean isGauge() {
        return resetHint() == ResetHint.GAUGE;
    }
}
