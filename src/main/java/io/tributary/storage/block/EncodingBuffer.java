package io.tributary.storage.block;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * A growable byte buffer with the integer encodings of Prometheus's TSDB files: big-endian fixed widths, Go's
 * {@code uvarint}/{@code varint}, and length-prefixed UTF-8 strings.
 */
final class EncodingBuffer {
    private byte[] bytes;
    private int length;

    EncodingBuffer(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    int length() {
        return length;
    }

    void reset() {
        length = 0;
    }

    EncodingBuffer putByte(int b) {
        ensure(1);
        bytes[length++] = (byte) b;
        return this;
    }

    EncodingBuffer putBytes(byte[] b) {
        return putBytes(b, 0, b.length);
    }

    EncodingBuffer putBytes(byte[] b, int offset, int count) {
        ensure(count);
        System.arraycopy(b, offset, bytes, length, count);
        length += count;
        return this;
    }

    EncodingBuffer putBE32(long v) {
        ensure(4);
        bytes[length++] = (byte) (v >>> 24);
        bytes[length++] = (byte) (v >>> 16);
        bytes[length++] = (byte) (v >>> 8);
        bytes[length++] = (byte) v;
        return this;
    }

    EncodingBuffer putBE64(long v) {
        putBE32(v >>> 32);
        return putBE32(v & 0xffffffffL);
    }

    /** Go's {@code binary.PutUvarint}: seven bits a byte, least significant first, {@code v} read as unsigned. */
    EncodingBuffer putUvarint(long v) {
        ensure(10);
        while ((v & ~0x7fL) != 0) {
            bytes[length++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        bytes[length++] = (byte) v;
        return this;
    }

    /** Go's {@code binary.PutVarint}: zig-zag, then uvarint. */
    EncodingBuffer putVarint(long v) {
        return putUvarint((v << 1) ^ (v >> 63));
    }

    EncodingBuffer putUvarintString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        putUvarint(utf8.length);
        return putBytes(utf8);
    }

    /** Overwrites four bytes at {@code position} (for a length known only after the body). */
    void setBE32(int position, long v) {
        bytes[position] = (byte) (v >>> 24);
        bytes[position + 1] = (byte) (v >>> 16);
        bytes[position + 2] = (byte) (v >>> 8);
        bytes[position + 3] = (byte) v;
    }

    /** CRC32 (Castagnoli) over {@code [from, length)}, the checksum every TSDB file uses. */
    long crc32c(int from) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, length - from);
        return crc.getValue();
    }

    /** Appends the Castagnoli checksum of {@code [from, length)}. */
    EncodingBuffer putCrc32c(int from) {
        return putBE32(crc32c(from));
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
