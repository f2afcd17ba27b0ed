package io.tributary.storage;

/**
 * The counter-reset hint a native histogram carries (the protobuf {@code Histogram.ResetHint}): whether it
 * follows a counter reset, is known not to, is a gauge histogram (which has no resets), or nobody said.
 */
public enum ResetHint {
    UNKNOWN(0),
    YES(1),
    NO(2),
    GAUGE(3);

    private final int number;

    ResetHint(int number) {
        this.number = number;
    }

    /** The protobuf enum number. */
    public int number() {
        return number;
    }

    /**
     * The hint for a protobuf enum number. Numbers this version does not know mean UNKNOWN, as proto3 keeps
     * unknown enum values and a reader that cannot interpret one must not claim more than "unknown".
     */
    public static ResetHint of(long number) {
        for (ResetHint hint : values()) {
            if (hint.number == number) {
                return hint;
            }
        }
        return UNKNOWN;
    }
}
