package io.tributary.protocol;

import java.util.Arrays;

/**
 * The metric metadata entries of a scanned request: RW1 top-level entries, or entries derived from RW2
 * series metadata. Family, help and unit are offsets into the request bytes.
 */
public final class MetadataColumns {

    private int size;
    private int[] rawStart = new int[16];
    private int[] rawEnd = new int[16];
    private int[] type = new int[16];
    private int[] famOff = new int[16];
    private int[] famLen = new int[16];
    private int[] helpOff = new int[16];
    private int[] helpLen = new int[16];
    private int[] unitOff = new int[16];
    private int[] unitLen = new int[16];

    public int size() {
        return size;
    }

    /** Start of the whole MetricMetadata field in an RW1 request, or -1 when derived from RW2 series. */
    public int rawStart(int m) {
        return rawStart[m];
    }

    public int rawEnd(int m) {
        return rawEnd[m];
    }

    public int type(int m) {
        return type[m];
    }

    public int familyOffset(int m) {
        return famOff[m];
    }

    public int familyLength(int m) {
        return famLen[m];
    }

    public int helpOffset(int m) {
        return helpOff[m];
    }

    public int helpLength(int m) {
        return helpLen[m];
    }

    public int unitOffset(int m) {
        return unitOff[m];
    }

    public int unitLength(int m) {
        return unitLen[m];
    }

    /** Appends an entry; raw start/end are -1 when the entry has no bytes of its own to forward. */
    public int add(int rawStartOffset, int rawEndOffset, int metricType, int familyOffset, int familyLength,
            int helpOffset, int helpLength, int unitOffset, int unitLength) {
        int m = size;
        if (m == type.length) {
            grow();
        }
        rawStart[m] = rawStartOffset;
        rawEnd[m] = rawEndOffset;
        type[m] = metricType;
        famOff[m] = familyOffset;
        famLen[m] = familyLength;
        helpOff[m] = helpOffset;
        helpLen[m] = helpLength;
        unitOff[m] = unitOffset;
        unitLen[m] = unitLength;
        size = m + 1;
        return m;
    }

    /** Forgets the last entry (rejected or duplicate). */
    public void dropLast() {
        size--;
    }

    void clear() {
        size = 0;
    }

    private void grow() {
        int n = type.length * 2;
        rawStart = Arrays.copyOf(rawStart, n);
        rawEnd = Arrays.copyOf(rawEnd, n);
        type = Arrays.copyOf(type, n);
        famOff = Arrays.copyOf(famOff, n);
        famLen = Arrays.copyOf(famLen, n);
        helpOff = Arrays.copyOf(helpOff, n);
        helpLen = Arrays.copyOf(helpLen, n);
        unitOff = Arrays.copyOf(unitOff, n);
        unitLen = Arrays.copyOf(unitLen, n);
    }
}
