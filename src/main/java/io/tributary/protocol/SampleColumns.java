package io.tributary.protocol;

import java.util.Arrays;

/**
 * The samples of all series of a scanned request: where each Sample message lies in the request bytes, and
 * the fields routing, validation and re-encoding need.
 */
public final class SampleColumns {

    private int size;
    private int[] off = new int[64];
    private int[] len = new int[64];
    private long[] ts = new long[64];
    private long[] start = new long[64];
    private long[] bits = new long[64];

    /** Number of samples of all series so far. */
    public int size() {
        return size;
    }

    /** Offset of the Sample message payload (after tag and length). */
    public int offset(int i) {
        return off[i];
    }

    public int length(int i) {
        return len[i];
    }

    public long timestamp(int i) {
        return ts[i];
    }

    /** The rc.4 start timestamp (RW2 Sample field 3), 0 if unset. */
    public long startTimestamp(int i) {
        return start[i];
    }

    /** Raw IEEE-754 bits of the value: stale markers survive untouched. */
    public long valueBits(int i) {
        return bits[i];
    }

    void add(int offset, int length, long valueBits, long timestamp, long startTimestamp) {
        int i = size;
        if (i == off.length) {
            grow();
        }
        off[i] = offset;
        len[i] = length;
        bits[i] = valueBits;
        ts[i] = timestamp;
        start[i] = startTimestamp;
        size = i + 1;
    }

    /** Removes sample {@code i}, shifting the later ones down. */
    void remove(int i) {
        int tail = size - i - 1;
        System.arraycopy(off, i + 1, off, i, tail);
        System.arraycopy(len, i + 1, len, i, tail);
        System.arraycopy(ts, i + 1, ts, i, tail);
        System.arraycopy(start, i + 1, start, i, tail);
        System.arraycopy(bits, i + 1, bits, i, tail);
        size--;
    }

    void truncate(int newSize) {
        size = newSize;
    }

    int capacity() {
        return off.length;
    }

    private void grow() {
        int n = off.length * 2;
        off = Arrays.copyOf(off, n);
        len = Arrays.copyOf(len, n);
        ts = Arrays.copyOf(ts, n);
        start = Arrays.copyOf(start, n);
        bits = Arrays.copyOf(bits, n);
    }
}
