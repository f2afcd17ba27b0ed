package io.tributary.protocol;

import java.util.Arrays;

/**
 * The exemplars of all series of a scanned request: value, timestamp and a slice of their own label pool
 * ({@link #labels()}), kept apart from the series labels because they are neither validated nor hashed.
 */
public final class ExemplarColumns {

    private final LabelColumns labels = new LabelColumns(16);
    private int size;
    private long[] bits = new long[16];
    private long[] ts = new long[16];
    private int[] labelFirst = new int[16];
    private int[] labelCount = new int[16];

    public int size() {
        return size;
    }

    /** The labels of all exemplars; exemplar {@code e} owns {@code [labelFirst(e), labelFirst(e) + labelCount(e))}. */
    public LabelColumns labels() {
        return labels;
    }

    public long valueBits(int e) {
        return bits[e];
    }

    public long timestamp(int e) {
        return ts[e];
    }

    public int labelFirst(int e) {
        return labelFirst[e];
    }

    public int labelCount(int e) {
        return labelCount[e];
    }

    /** Starts an exemplar whose labels are the ones added to {@link #labels()} until {@link #end(int)}. */
    int begin() {
        int e = size;
        if (e == bits.length) {
            grow();
        }
        bits[e] = 0;
        ts[e] = 0;
        labelFirst[e] = labels.size();
        size = e + 1;
        return e;
    }

    void setValueBits(int e, long valueBits) {
        bits[e] = valueBits;
    }

    void setTimestamp(int e, long timestamp) {
        ts[e] = timestamp;
    }

    void end(int e) {
        labelCount[e] = labels.size() - labelFirst[e];
    }

    /** Forgets every exemplar from index {@code newSize} on, with their labels. */
    void truncate(int newSize) {
        if (newSize < size) {
            labels.truncate(labelFirst[newSize]);
        }
        size = newSize;
    }

    void clear() {
        size = 0;
        labels.truncate(0);
    }

    private void grow() {
        int n = bits.length * 2;
        bits = Arrays.copyOf(bits, n);
        ts = Arrays.copyOf(ts, n);
        labelFirst = Arrays.copyOf(labelFirst, n);
        labelCount = Arrays.copyOf(labelCount, n);
    }
}
