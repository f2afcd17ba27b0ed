package io.tributary.storage;

/**
 * What the head did with one sample. The rejections mirror Prometheus's append errors, and their reasons are
 * the ids Mimir's ingester counts in {@code cortex_discarded_samples_total{reason}}.
 */
public enum AppendOutcome {
    APPENDED("appended", false),
    /** Same timestamp and bit-identical value as the series' last sample: a resend, dropped silently. */
    DUPLICATE_IGNORED("duplicate-sample", false),
    /** Older than the series' last sample (Prometheus's {@code ErrOutOfOrderSample}). */
    OUT_OF_ORDER("sample-out-of-order", true),
    /** Same timestamp as the series' last sample with another value ({@code ErrDuplicateSampleForTimestamp}). */
    DUPLICATE_DIFFERENT_VALUE("new-value-for-timestamp", true),
    /**
     * Older than the head's min valid time ({@code ErrOutOfBounds}): that range was cut into a block or
     * truncated already. Mimir counts it as {@code sample-out-of-bounds}.
     */
    TOO_OLD("sample-out-of-bounds", true),
    /** The sample would create a series while the tenant is at its series limit. */
    SERIES_LIMIT("per_user_series_limit", true),
    /**
     * A native histogram that is not a valid protobuf {@code Histogram} or could not be stored in a block without
     * loss (see {@link HistogramMessageDecoder}). Refused here, where the sample is counted as discarded, so that
     * it cannot fail the block cut later.
     */
    INVALID_HISTOGRAM("invalid-native-histogram", true);

    private final String reason;
    private final boolean dataError;

    AppendOutcome(String reason, boolean dataError) {
        this.reason = reason;
        this.dataError = dataError;
    }

    /** A stable id for a metric label, Mimir's discard reason for the rejections. */
    public String reason() {
        return reason;
    }

    /** True when the sample was refused because of what it is (a client's error, counted as discarded). */
    public boolean isDataError() {
        return dataError;
    }
}
