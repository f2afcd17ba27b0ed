package io.tributary.verify;

import java.time.Duration;

/**
 * How long Kafka must keep records for a restart to rebuild what is not yet in a block: a restart replays up to
 * one and a half block ranges (the open window plus the one being cut), and an outage needs room on top, an hour.
 * One rule for the startup warning in the ingester and the retention check.
 */
public final class ReplayRetention {

    private ReplayRetention() {
    }

    /** The shortest retention that still lets a restart rebuild every window not yet in a block. */
    public static Duration minimum(Duration blockRange) {
        return blockRange.multipliedBy(3).dividedBy(2).plusHours(1);
    }

    /** The retention.ms to suggest: the minimum, but at least a day, so a weekend outage is not the next problem. */
    public static long suggestedMillis(Duration blockRange) {
        return Math.max(minimum(blockRange).toMillis(), 86_400_000L);
    }
}
