package io.tributary.storage;

/**
 * How a {@link TenantHead} cuts and bounds its data.
 *
 * @param blockRangeMillis the width of a block; chunks never span a multiple of it, so blocks can be cut
 *                         from whole chunks (Prometheus's 2h, {@code 7_200_000})
 * @param maxSeries        the most series the tenant may hold in memory, 0 for no limit (Mimir's
 *                         {@code -ingester.max-global-series-per-user} after its per-ingester share)
 */
public record HeadOptions(long blockRangeMillis, int maxSeries) {
    public static final long TWO_HOURS_MILLIS = 2 * 60 * 60 * 1000L;

    public HeadOptions {
        if (blockRangeMillis <= 0) {
            throw new IllegalArgumentException("blockRangeMillis is " + blockRangeMillis + ": it must be positive");
        }
        if (maxSeries < 0) {
            throw new IllegalArgumentException("maxSeries is " + maxSeries + ": use 0 for no limit, or a positive limit");
        }
    }

    /** Prometheus's default two-hour blocks, without a series limit. */
    public static HeadOptions defaults() {
        return new HeadOptions(TWO_HOURS_MILLIS, 0);
    }
}
