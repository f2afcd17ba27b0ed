package io.tributary.protocol;

import java.util.Arrays;

/**
 * A growable, reusable protobuf output buffer.
 *
 * <p>Length-delimited fields are written by the caller computing the payload size first (with
 * {@link #varintSize(long)} and friends), which avoids the shifting or double buffering a
 * "reserve and patch" scheme would need.
 */
public final class ProtoWriter {

    private byte[] buf;
    private int pos;

    public ProtoWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public int size() {
        return pos;
    }

    public byte[] buffer() {
        return buf;
    }

    public void reset() {
        pos = 0;
    }

    /** Drops everything written after {@code size}; used to undo a series that did not fit. */
    public void truncate(int size) {
        pos = size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    public int capacity() {
        return buf.length;
    }

    private void ensure(int extra) {
        if (buf.length - pos < extra) {
            long wanted = Math.max((long) buf.length * 2, (long) pos + extra);
            buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8, wanted));
        }
    }

    public void writeVarint(long v) {
        ensure(10);
        byte[] b = buf;
        int p = pos;
        while ((v & ~0x7FL) != 0) {
            b[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        pos = p;
    }

    public void writeTag(int fieldNumber, int wireType) {
        writeVarint(((long) fieldNumber << 3) | wireType);
    }

    public void writeFixed64(long v) {
        ensure(8);
        byte[] b = buf;
        int p = pos;
        for (int i = 0; i < 8; i++) {
            b[p + i] = (byte) (v >>> (8 * i));
        }
        pos = p + 8;
    }

    public void writeRaw(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, buf, pos, len);
        pos += len;
    }

    /** Writes tag, length and the bytes of a LEN field. */
    public void writeBytesField(int fieldNumber, byte[] src, int off, int len) {
        writeTag(fieldNumber, WireType.LEN);
        writeVarint(len);
        writeRaw(src, off, len);
    }

    /**
     * Writes one {@code Label} message as field 1 (series or exemplar label of a v1 record): tag, length, then
     * name as field 1 and value as field 2, each omitted when empty (proto3). Byte for byte what
     * {@link #writeTag}/{@link #writeVarint}/{@link #writeBytesField} would write, but with one capacity check
     * and direct stores: a label is ~25 bytes, so the seven checked calls cost more than the two copies.
     */
    public void writeLabelField(byte[] src, int nameOff, int nameLen, int valueOff, int valueLen) {
        int payload = (nameLen != 0 ? 1 + varintSize(nameLen) + nameLen : 0)
                + (valueLen != 0 ? 1 + varintSize(valueLen) + valueLen : 0);
        ensure(1 + 5 + payload);
        byte[] b = buf;
        int p = pos;
        b[p++] = (1 << 3) | WireType.LEN;
        p = putVarint(b, p, payload);
        if (nameLen != 0) {
            b[p++] = (1 << 3) | WireType.LEN;
            p = putVarint(b, p, nameLen);
            System.arraycopy(src, nameOff, b, p, nameLen);
            p += nameLen;
        }
        if (valueLen != 0) {
            b[p++] = (2 << 3) | WireType.LEN;
            p = putVarint(b, p, valueLen);
            System.arraycopy(src, valueOff, b, p, valueLen);
            p += valueLen;
        }
        pos = p;
    }

    /** Stores a non-negative int as a varint at {@code b[p]} (room already ensured); returns the end. */
    private static int putVarint(byte[] b, int p, int v) {
        while ((v & ~0x7F) != 0) {
            b[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[p++] = (byte) v;
        return p;
    }

    public static int varintSize(long v) {
        // 1 byte per started group of 7 bits; 0 still needs 1 byte.
        int bits = 64 - Long.numberOfLeadingZeros(v | 1);
        return (bits + 6) / 7;
    }

    public static int tagSize(int fieldNumber) {
        return varintSize((long) fieldNumber << 3);
    }

    /** Size of a whole LEN field (tag, length prefix, payload). */
    public static int lenFieldSize(int fieldNumber, int payloadLength) {
        return tagSize(fieldNumber) + varintSize(payloadLength) + payloadLength;
    }
}
