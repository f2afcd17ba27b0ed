package io.tributary.ingest;

import java.time.Duration;

/**
 * Per-series limits applied while decoding a remote-write request, with Mimir's defaults.
 *
 * @param maxLabelNamesPerSeries most labels (including {@code __name__}) a series may have
 * @param maxLabelNameLength longest label name, in bytes
 * @param maxLabelValueLength longest label value, in bytes
 * @param creationGracePeriod how far in the future a sample timestamp may be
 * @param pastGracePeriod how far in the past a sample timestamp may be; zero disables the check
 */
public record ValidationLimits(int maxLabelNamesPerSeries, int maxLabelNameLength, int maxLabelValueLength,
        Duration creationGracePeriod, Duration pastGracePeriod) {

    public ValidationLimits {
        if (maxLabelNamesPerSeries <= 0 || maxLabelNameLength <= 0 || maxLabelValueLength <= 0) {
            throw new IllegalArgumentException("label limits must be positive");
        }
        if (creationGracePeriod.isNegative() || pastGracePeriod.isNegative()) {
            throw new IllegalArgumentException("grace periods must not be negative");
        }
    }

    /** 30 labels, names up to 1024 bytes, values up to 2048 bytes, 10m into the future, no past limit. */
    public static ValidationLimits defaults() {
        return new ValidationLimits(30, 1024, 2048, Duration.ofMinutes(10), Duration.ZERO);
    }
}
