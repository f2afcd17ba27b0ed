package io.tributary.storage;

import java.util.Arrays;

/** An append-only big-endian bit stream, the byte layout of Prometheus's chunk {@code bstream}. */
final class BitWriter {
    private byte[] bytes;
    private int length;
    /**
     * Bits still free in the last byte (0 = the last byte is full, or there is none). A byte, as is {@link #sized}:
     * with two ints the object would take 32 bytes instead of 24, and a head keeps one writer per series.
     */
    private byte freeBits;
    /** Set by {@link #reserve}: the writer knows about how long it gets, so an overflow is a small one. */
    private boolean sized;

    BitWriter(int initialCapacity) {
        bytes = new byte[Math.max(initialCapacity, 4)];
    }

    void writeBit(boolean bit) {
        if (freeBits == 0) {
            ensure(1);
            length++;
            freeBits = 8;
        }
        if (bit) {
            bytes[length - 1] |= (byte) (1 << (freeBits - 1));
        }
        freeBits--;
    }

    /** Writes the low {@code n} bits of {@code value}, most significant first. */
    void writeBits(long value, int n) {
        while (n > 0) {
            if (freeBits == 0) {
                ensure(1);
                length++;
                freeBits = 8;
            }
            int take = Math.min(n, freeBits);
            int chunk = (int) ((value >>> (n - take)) & ((1L << take) - 1));
            bytes[length - 1] |= (byte) (chunk << (freeBits - take));
            freeBits -= take;
            n -= take;
        }
    }

    /** Writes whole bytes, used at the start of a chunk where the stream is byte-aligned. */
    void writeByte(int b) {
        writeBits(b & 0xff, 8);
    }

    void setByte(int index, byte b) {
        bytes[index] = b;
    }

    int length() {
        return length;
    }

    /**
     * Makes room for {@code capacity} bytes in one step, for a writer that can predict its final length; if the
     * prediction falls short, later growth goes by an eighth instead of by half.
     */
    void reserve(int capacity) {
        sized = true;
        if (capacity > bytes.length) {
            bytes = Arrays.copyOf(bytes, capacity);
        }
    }

    int capacity() {
        return bytes.length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int extra) {
        if (length + extra > bytes.length) {
            // By half, not double: a head keeps one open chunk per series, and doubling wastes a quarter of it.
            int step = sized ? Math.max(bytes.length >> 3, 16) : Math.max(bytes.length >> 1, 32);
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length + step, length + extra));
        }
    }
}
