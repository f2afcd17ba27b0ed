package io.tributary.storage;

/**
 * The two top bits of a histogram chunk's flags byte (its third byte): what is known about a counter reset
 * between the previous chunk of the series and this one, or that the chunk holds gauge histograms.
 */
public enum CounterResetHeader {
    /** Nothing is known; a reader must compare with the previous chunk itself. */
    UNKNOWN(0b0000_0000),
    /** The chunk was started because the counters were reset. */
    COUNTER_RESET(0b1000_0000),
    /** The chunk continues the previous one without a reset (it was cut for another reason). */
    NOT_COUNTER_RESET(0b0100_0000),
    /** Gauge histograms, which go up and down and have no resets. */
    GAUGE(0b1100_0000);

    static final int MASK = 0b1100_0000;

    private final int bits;

    CounterResetHeader(int bits) {
        this.bits = bits;
    }

    int bits() {
        return bits;
    }

    static CounterResetHeader of(byte flags) {
        int b = flags & MASK;
        for (CounterResetHeader header : values()) {
            if (header.bits == b) {
                return header;
            }
        }
        throw new AssertionError("two bits have four values");
    }

    /**
     * The reset hint of a sample read back from a chunk with this header: the first sample carries what the
     * header knows about the boundary; the chunk's later samples follow it without a reset, because a reset
     * always starts a new chunk.
     */
    ResetHint hintOfSample(boolean first) {
        if (this == GAUGE) {
            return ResetHint.GAUGE;
        }
        if (!first) {
            return ResetHint.NO;
        }
        return switch (this) {
            case COUNTER_RESET -> ResetHint.YES;
            case NOT_COUNTER_RESET -> ResetHint.NO;
            default -> ResetHint.UNKNOWN;
        };
    }
}
