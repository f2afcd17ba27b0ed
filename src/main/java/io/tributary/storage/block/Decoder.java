package io.tributary.storage.block;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * A cursor over one section of a mapped block file, reading the encodings {@link EncodingBuffer} writes. Reads
 * use absolute positions on the shared buffer, so many cursors may read one file concurrently. Running past the
 * section end is corruption and says so, with the file name and offset.
 */
final class Decoder {
    private final ByteBuffer buffer;
    private final Path file;
    private final int limit;
    private int position;

    Decoder(ByteBuffer buffer, Path file, int position, int limit) {
        if (position < 0 || position > limit || limit > buffer.capacity()) {
            throw new CorruptBlockException(file, "section [" + position + ", " + limit + ") lies outside the file ("
                    + buffer.capacity() + " bytes)");
        }
        this.buffer = buffer;
        this.file = file;
        this.position = position;
        this.limit = limit;
    }

    /**
     * Opens a section that starts with a 4-byte length and ends with the Castagnoli checksum of the {@code length}
     * bytes between; the cursor covers those bytes.
     */
    static Decoder checkedSection(ByteBuffer buffer, Path file, long offset, String section) {
        if (offset < 0 || offset + 4 > buffer.capacity()) {
            throw new CorruptBlockException(file, section + " at offset " + offset + " lies outside the file ("
                    + buffer.capacity() + " bytes)");
        }
        long length = Integer.toUnsignedLong(buffer.getInt((int) offset));
        return checked(buffer, file, offset + 4, length, section);
    }

    /** A cursor over {@code length} bytes at {@code start}, verified against the checksum that follows them. */
    static Decoder checked(ByteBuffer buffer, Path file, long start, long length, String section) {
        long end = start + length;
        if (end + 4 > buffer.capacity()) {
            throw new CorruptBlockException(file, section + " at offset " + start + " claims " + length
                    + " bytes, past the end of the file (" + buffer.capacity() + " bytes)");
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.slice((int) start, (int) length));
        long expected = Integer.toUnsignedLong(buffer.getInt((int) end));
        if (crc.getValue() != expected) {
            throw new CorruptBlockException(file, String.format("%s at offset %d fails its CRC32C check "
                    + "(stored %08x, computed %08x)", section, start, expected, crc.getValue()));
        }
        return new Decoder(buffer, file, (int) start, (int) end);
    }

    int position() {
        return position;
    }

    int remaining() {
        return limit - position;
    }

    void skip(int n) {
        need(n);
        position += n;
    }

    int byteValue() {
        need(1);
        return buffer.get(position++) & 0xff;
    }

    long be32() {
        need(4);
        long v = Integer.toUnsignedLong(buffer.getInt(position));
        position += 4;
        return v;
    }

    int be32int() {
        long v = be32();
        if (v > Integer.MAX_VALUE) {
            throw corrupt("count " + v + " is too large");
        }
        return (int) v;
    }

    long be64() {
        need(8);
        long v = buffer.getLong(position);
        position += 8;
        return v;
    }

    long uvarint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = byteValue();
            if (shift == 63 && b > 1) {
                throw corrupt("uvarint overflows 64 bits");
            }
            v |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                return v;
            }
        }
        throw corrupt("uvarint overflows 64 bits");
    }

    /** A uvarint that must fit in an int, as counts, lengths and symbol references do. */
    int uvarintInt() {
        long v = uvarint();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw corrupt("value " + Long.toUnsignedString(v) + " is too large");
        }
        return (int) v;
    }

    long varint() {
        long u = uvarint();
        return (u >>> 1) ^ -(u & 1);
    }

    byte[] bytes(int n) {
        need(n);
        byte[] out = new byte[n];
        buffer.get(position, out);
        position += n;
        return out;
    }

    String uvarintString() {
        return new String(bytes(uvarintInt()), StandardCharsets.UTF_8);
    }

    CorruptBlockException corrupt(String problem) {
        return new CorruptBlockException(file, problem + " (at offset " + position + ")");
    }

    private void need(int n) {
        if (n < 0 || n > limit - position) {
            throw corrupt("unexpected end of section: " + n + " bytes needed, " + (limit - position) + " left");
        }
    }
}
