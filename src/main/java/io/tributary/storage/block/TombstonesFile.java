package io.tributary.storage.block;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The {@code tombstones} file: magic {@code 0x0130BA30}, format version 1, then (series ref uvarint, mint varint,
 * maxt varint) per deleted interval, then the CRC32C of those intervals. The checksum leaves out the version byte,
 * as Prometheus's does, so an empty file ends in the checksum of nothing: 0.
 */
final class TombstonesFile {
    static final int MAGIC = 0x0130BA30;
    static final int FORMAT_VERSION = 1;
    static final byte[] EMPTY = new EncodingBuffer(9).putBE32(MAGIC).putByte(FORMAT_VERSION).putBE32(0).toByteArray();

    private TombstonesFile() {
    }

    /** Counts the deleted intervals, after checking the magic, version and checksum. */
    static int countIntervals(ByteBuffer content, Path file) {
        if (content.capacity() < 9) {
            throw new CorruptBlockException(file, "shorter (" + content.capacity() + " bytes) than its header");
        }
        if (content.getInt(0) != MAGIC) {
            throw new CorruptBlockException(file, String.format("bad magic number %08x", content.getInt(0)));
        }
        if ((content.get(4) & 0xff) != FORMAT_VERSION) {
            throw new CorruptBlockException(file, "unsupported tombstones format " + (content.get(4) & 0xff));
        }
        Decoder d = Decoder.checked(content, file, 5, content.capacity() - 9L, "tombstones");
        int count = 0;
        while (d.remaining() > 0) {
            d.uvarint();
            d.varint();
            d.varint();
            count++;
        }
        return count;
    }
}
