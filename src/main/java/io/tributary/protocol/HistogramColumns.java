package io.tributary.protocol;

import java.util.Arrays;

/**
 * The histograms of all series of a scanned request: the byte range of each Histogram message, which is
 * copied as is, and the only fields read from it (timestamp and rc.4 start timestamp).
 */
public final class HistogramColumns {

    private int size;
    private int[] off = new int[16];
    private int[] len = new int[16];
    private long[] ts = new long[16];
    private long[] start = new long[16];

    public int size() {
        return size;
    }

    /** Offset of the Histogram message payload (after tag and length). */
    public int offset(int i) {
        return off[i];
    }

    public int length(int i) {
        return len[i];
    }

    public long timestamp(int i) {
        return ts[i];
    }

    /** The rc.4 start timestamp (RW2 Histogram field 17), 0 if unset. */
    public long startTimestamp(int i) {
        return start[i];
    }

    void add(int offset, int length, long timestamp, long startTimestamp) {
        int i = size;
        if (i == off.length) {
            grow();
        }
        off[i] = offset;
        len[i] = length;
        ts[i] = timestamp;
        start[i] = startTimestamp;
        size = i + 1;
    }

    /** Removes histogram {@code i}, shifting the later ones down. */
    void remove(int i) {
        int tail = size - i - 1;
        System.arraycopy(off, i + 1, off, i, tail);
        System.arraycopy(len, i + 1, len, i, tail);
        System.arraycopy(ts, i + 1, ts, i, tail);
        System.arraycopy(start, i + 1, start, i, tail);
        size--;
    }

    void truncate(int newSize) {
        size = newSize;
    }

    private void grow() {
        int n = off.length * 2;
        off = Arrays.copyOf(off, n);
        len = Arrays.copyOf(len, n);
        ts = Arrays.copyOf(ts, n);
        start = Arrays.copyOf(start, n);
    }
}
