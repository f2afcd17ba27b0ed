package io.tributary.ingester;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * For each partition, the smallest offset that put samples into each block-range window still in the head.
 * When a window has been cut into blocks, the smallest offset over the later windows is where a restart must
 * replay from: every record below it has all its (still wanted) samples in uploaded blocks.
 */
final class WindowOffsets {
    /** A record spanning more windows than this is registered in the first ones only; see {@link #register}. */
    private static final int MAX_WINDOWS_PER_RECORD = 4096;

    private final long rangeMillis;
    private final Map<Integer, PartitionWindows> partitions = new HashMap<>();

    private static final class PartitionWindows {
        final TreeMap<Long, Long> minOffsetByWindow = new TreeMap<>();
        long nextOffset = -1;
        long maxTimestamp = Long.MIN_VALUE;
    }

    WindowOffsets(long rangeMillis) {
        this.rangeMillis = rangeMillis;
    }

    long windowStart(long timestamp) {
        return Math.floorDiv(timestamp, rangeMillis) * rangeMillis;
    }

    /**
     * Notes that the record at {@code offset} carries samples between {@code minTimestamp} and
     * {@code maxTimestamp}; called under the same lock as the appends, so a cut sees it or waits for it.
     */
    void register(int partition, long offset, long minTimestamp, long maxTimestamp) {
        PartitionWindows windows = windows(partition);
        synchronized (windows) {
            windows.maxTimestamp = Math.max(windows.maxTimestamp, maxTimestamp);
            long first = windowStart(minTimestamp);
            long last = windowStart(maxTimestamp);
            int n = 0;
            for (long w = first; w <= last && n < MAX_WINDOWS_PER_RECORD; w += rangeMillis, n++) {
                windows.minOffsetByWindow.merge(w, offset, Math::min);
            }
            if (n == MAX_WINDOWS_PER_RECORD && last > first + (long) n * rangeMillis) {
                // Absurd spans (samples years apart in one record) keep their last window too.
                windows.minOffsetByWindow.merge(last, offset, Math::min);
            }
        }
    }

    /** The newest sample timestamp the partition has delivered, or Long.MIN_VALUE. */
    long maxTimestamp(int partition) {
        PartitionWindows windows = windows(partition);
        synchronized (windows) {
            return windows.maxTimestamp;
        }
    }

    /** Notes that every record below {@code nextOffset} has been stored. */
    void stored(int partition, long nextOffset) {
        PartitionWindows windows = windows(partition);
        synchronized (windows) {
            windows.nextOffset = Math.max(windows.nextOffset, nextOffset);
        }
    }

    /**
     * The offset to replay from once every window before {@code persistedUntil} is in blocks, or -1 when the
     * partition has stored nothing yet (the existing checkpoint stays).
     */
    long replayFrom(int partition, long persistedUntil) {
        PartitionWindows windows = windows(partition);
        synchronized (windows) {
            long min = windows.nextOffset;
            for (long offset : windows.minOffsetByWindow.tailMap(persistedUntil, true).values()) {
                min = min < 0 ? offset : Math.min(min, offset);
            }
            return min;
        }
    }

    void dropBefore(long persistedUntil) {
        for (PartitionWindows windows : partitionsSnapshot()) {
            synchronized (windows) {
                windows.minOffsetByWindow.headMap(persistedUntil, false).clear();
            }
        }
    }

    synchronized Iterable<Integer> partitionIds() {
        return Map.copyOf(partitions).keySet();
    }

    private synchronized Iterable<PartitionWindows> partitionsSnapshot() {
        return Map.copyOf(partitions).values();
    }

    private synchronized PartitionWindows windows(int partition) {
        return partitions.computeIfAbsent(partition, p -> new PartitionWindows());
    }
}
