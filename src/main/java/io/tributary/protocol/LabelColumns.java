package io.tributary.protocol;

import java.util.Arrays;

/**
 * The labels of all series (or of all exemplars) of a scanned request, as offsets into the request bytes.
 *
 * <p>A label is name offset/length and value offset/length, plus the indices of both strings in the RW2
 * symbols table ({@code -1} for RW1 input, where there is no table). Owners refer to a contiguous slice.
 */
public final class LabelColumns {

    private int size;
    private int[] nameOff;
    private int[] nameLen;
    private int[] valueOff;
    private int[] valueLen;
    private int[] nameSym;
    private int[] valueSym;

    LabelColumns(int initialCapacity) {
        nameOff = new int[initialCapacity];
        nameLen = new int[initialCapacity];
        valueOff = new int[initialCapacity];
        valueLen = new int[initialCapacity];
        nameSym = new int[initialCapacity];
        valueSym = new int[initialCapacity];
    }

    /** Number of labels added since the last {@link #truncate(int)} to zero. */
    public int size() {
        return size;
    }

    public int nameOffset(int l) {
        return nameOff[l];
    }

    public int nameLength(int l) {
        return nameLen[l];
    }

    public int valueOffset(int l) {
        return valueOff[l];
    }

    public int valueLength(int l) {
        return valueLen[l];
    }

    /** Index of the name in the RW2 symbols table, -1 for RW1 input. */
    public int nameSymbol(int l) {
        return nameSym[l];
    }

    public int valueSymbol(int l) {
        return valueSym[l];
    }

    void add(int nameOffset, int nameLength, int valueOffset, int valueLength, int nameSymbol, int valueSymbol) {
        int l = size;
        if (l == nameOff.length) {
            grow();
        }
        nameOff[l] = nameOffset;
        nameLen[l] = nameLength;
        valueOff[l] = valueOffset;
        valueLen[l] = valueLength;
        nameSym[l] = nameSymbol;
        valueSym[l] = valueSymbol;
        size = l + 1;
    }

    /** Sets the value half of the label added last (RW2 refs arrive one at a time). */
    void setLastValue(int valueOffset, int valueLength, int valueSymbol) {
        int l = size - 1;
        valueOff[l] = valueOffset;
        valueLen[l] = valueLength;
        valueSym[l] = valueSymbol;
    }

    /** Forgets every label from index {@code newSize} on. */
    void truncate(int newSize) {
        size = newSize;
    }

    int capacity() {
        return nameOff.length;
    }

    private void grow() {
        int n = nameOff.length * 2;
        nameOff = Arrays.copyOf(nameOff, n);
        nameLen = Arrays.copyOf(nameLen, n);
        valueOff = Arrays.copyOf(valueOff, n);
        valueLen = Arrays.copyOf(valueLen, n);
        nameSym = Arrays.copyOf(nameSym, n);
        valueSym = Arrays.copyOf(valueSym, n);
    }
}
