package io.tributary.console.partitions;

/**
 * Rates between two samples of a monotonic count (offsets, bytes). A count that went down (an offset reset, a
 * log truncated by retention, a restart) gives no rate for that interval rather than a negative one.
 */
public final class Throughput {

    private Throughput() {
    }

    /** Per second from {@code before} at {@code beforeMs} to {@code after} at {@code afterMs}; null when unknown. */
    public static Double perSecond(long before, long beforeMs, long after, long afterMs) {
        if (before < 0 || after < 0 || afterMs <= beforeMs || after < before) {
            return null;
        }
        return (after - before) * 1000.0 / (afterMs - beforeMs);
    }
}
