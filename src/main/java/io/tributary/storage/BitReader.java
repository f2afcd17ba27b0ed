package io.tributary.storage;

/** Reads a big-endian bit stream written by {@link BitWriter} (or by Prometheus). */
final class BitReader {
    private final byte[] bytes;
    private final int end;
    private long position;

    BitReader(byte[] bytes, int startByte, int endByte) {
        this.bytes = bytes;
        this.position = (long) startByte * 8;
        this.end = endByte;
    }

    boolean readBit() {
        int index = (int) (position >>> 3);
        if (index >= end) {
            throw new IllegalStateException("chunk ends before its last sample");
        }
        boolean bit = (bytes[index] & (0x80 >>> (position & 7))) != 0;
        position++;
        return bit;
    }

    long readBits(int n) {
        long value = 0;
        while (n > 0) {
            int index = (int) (position >>> 3);
            if (index >= end) {
                throw new IllegalStateException("chunk ends before its last sample");
            }
            int offset = (int) (position & 7);
            int available = 8 - offset;
            int take = Math.min(n, available);
            int current = (bytes[index] & 0xff) >>> (available - take) & ((1 << take) - 1);
            value = (value << take) | current;
            position += take;
            n -= take;
        }
        return value;
    }

    /** A Go {@code binary.Uvarint} read from the bit stream. */
    long readUvarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            long b = readBits(8);
            result |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalStateException("varint too long in chunk");
    }

    /** A Go {@code binary.Varint} (zig-zag) read from the bit stream. */
    long readVarint() {
        long u = readUvarint();
        return (u >>> 1) ^ -(u & 1);
    }
}
