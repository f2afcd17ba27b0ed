package io.tributary.consumer;

import java.time.Duration;

/**
 * Mimir's startup rule: a reader is ready once it has consumed up to the offset that was last produced when a
 * round began and that round took no longer than {@code max-consumer-lag-at-startup}; it then tries, for at most
 * twice that long, to do the same within {@code target-consumer-lag-at-startup}, and when that fails, once more
 * within the max lag. Pure bookkeeping: the reader asks for the last produced offset when {@link #needsTarget()}
 * and reports progress after every poll.
 */
final class StartupLagGate {
    private final long maxLagNanos;
    private final long targetLagNanos;
    private boolean maxReached;
    private long targetDeadlineNanos;
    private long roundTarget = Long.MIN_VALUE;
    private long roundStartNanos;
    private boolean passed;

    StartupLagGate(Duration targetLag, Duration maxLag) {
        this.maxLagNanos = maxLag.toNanos();
        this.targetLagNanos = Math.min(targetLag.toNanos(), maxLag.toNanos());
    }

    boolean passed() {
        return passed;
    }

    boolean needsTarget() {
        return !passed && roundTarget == Long.MIN_VALUE;
    }

    /** Starts a round towards {@code lastProducedOffset} (-1 or below the partition start when it is empty). */
    void startRound(long lastProducedOffset, long nowNanos) {
        roundTarget = lastProducedOffset;
        roundStartNanos = nowNanos;
    }

    /** Reports that every offset below {@code nextOffset} has been consumed. */
    void progress(long nextOffset, long nowNanos) {
        if (passed || roundTarget == Long.MIN_VALUE || nextOffset <= roundTarget) {
            return;
        }
        long lag = nowNanos - roundStartNanos;
        roundTarget = Long.MIN_VALUE;
        if (!maxReached) {
            if (lag <= maxLagNanos) {
                maxReached = true;
                targetDeadlineNanos = nowNanos + 2 * maxLagNanos;
                passed = lag <= targetLagNanos;
            }
            return;
        }
        // Best effort: the target lag until the deadline. After it, the max lag must hold once more, as Mimir checks
        // it again: the lag may have grown past the max while the target was being tried.
        passed = lag <= targetLagNanos || (nowNanos >= targetDeadlineNanos && lag <= maxLagNanos);
    }
}
