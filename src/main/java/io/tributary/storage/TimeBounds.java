package io.tributary.storage;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The time range of the data in a head, kept exact across truncation without stopping appenders.
 *
 * <p>Appends widen the {@code appended} bounds. Truncation cannot just recompute and overwrite them, because an
 * append landing in a series it has already scanned would be forgotten. So a rescan first pins the current
 * bounds as {@code scanned} (a stale but safe lower bound while it runs), restarts {@code appended} from empty,
 * and at the end publishes what it found: every sample is then either seen by the scan or appended after the
 * restart.
 */
final class TimeBounds {
    private final AtomicLong appendedMin = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong appendedMax = new AtomicLong(Long.MIN_VALUE);
    private volatile long scannedMin = Long.MAX_VALUE;
    private volatile long scannedMax = Long.MIN_VALUE;

    void record(long timestamp) {
        // Reads first: with in-order scrapes the bounds rarely move, and a CAS on every sample would contend.
        if (timestamp < appendedMin.get()) {
            appendedMin.accumulateAndGet(timestamp, Math::min);
        }
        if (timestamp > appendedMax.get()) {
            appendedMax.accumulateAndGet(timestamp, Math::max);
        }
    }

    long min() {
        return Math.min(scannedMin, appendedMin.get());
    }

    long max() {
        return Math.max(scannedMax, appendedMax.get());
    }

    /** Called by the only truncating thread before it scans the series. */
    void beginRescan() {
        scannedMin = min();
        scannedMax = max();
        appendedMin.set(Long.MAX_VALUE);
        appendedMax.set(Long.MIN_VALUE);
    }

    void endRescan(long min, long max) {
        scannedMin = min;
        scannedMax = max;
    }
}
