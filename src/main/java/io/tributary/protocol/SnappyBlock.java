package io.tributary.protocol;

import java.io.IOException;
import java.util.Arrays;

import org.xerial.snappy.Snappy;

/**
 * Compresses and decompresses a snappy <em>block</em> (the remote-write and remote-read body encoding, never the
 * framed format), decompressing with a ceiling on the uncompressed size.
 *
 * <p>The declared size is read from the block's varint preamble before anything is allocated, so a
 * tiny hostile body cannot make us allocate gigabytes.
 */
public final class SnappyBlock {

    private SnappyBlock() {
    }

    /** Compresses {@code data[offset, offset+length)} into a new exact-length block. */
    public static byte[] compress(byte[] data, int offset, int length) {
        byte[] out = new byte[Snappy.maxCompressedLength(length)];
        try {
            int n = Snappy.compress(data, offset, length, out, 0);
            return Arrays.copyOf(out, n);
        } catch (IOException e) {
            // Compressing an in-memory array cannot fail on input; an error here is a broken native library.
            throw new IllegalStateException("snappy compression failed", e);
        }
    }

    /** Decompresses {@code compressed[0, length)} into a new exact-length array. */
    public static byte[] decompress(byte[] compressed, int length, int maxUncompressedBytes)
            throws SnappyLimitExceededException, CorruptSnappyException {
        int size = uncompressedLength(compressed, 0, length, maxUncompressedBytes);
        byte[] out = new byte[size];
        decompressInto(compressed, 0, length, out, size);
        return out;
    }

    /**
     * Reads and checks the declared uncompressed length without decompressing.
     *
     * @throws SnappyLimitExceededException when it exceeds {@code maxUncompressedBytes}
     * @throws CorruptSnappyException when the preamble is missing or malformed
     */
    public static int uncompressedLength(byte[] compressed, int offset, int length, int maxUncompressedBytes)
            throws SnappyLimitExceededException, CorruptSnappyException {
        long declared = 0;
        int p = offset;
        int end = offset + length;
        for (int shift = 0; ; shift += 7) {
            if (p >= end || shift > 28) {
                throw new CorruptSnappyException("snappy: corrupt input (bad length preamble)");
            }
            int b = compressed[p++];
            declared |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                break;
            }
        }
        if (declared > maxUncompressedBytes) {
            throw new SnappyLimitExceededException(declared, maxUncompressedBytes);
        }
        return (int) declared;
    }

    /**
     * Decompresses into {@code target}, which must hold at least the declared uncompressed length (from
     * {@link #uncompressedLength}); returns the number of bytes written. Lets callers reuse a buffer.
     */
    public static int decompressInto(byte[] compressed, int offset, int length, byte[] target, int declaredLength)
            throws CorruptSnappyException {
        if (target.length < declaredLength) {
            throw new IllegalArgumentException("target smaller than the declared length");
        }
        try {
            int n = Snappy.uncompress(compressed, offset, length, target, 0);
            if (n != declaredLength) {
                throw new CorruptSnappyException("snappy: corrupt input (length mismatch)");
            }
            return n;
        } catch (IOException | RuntimeException e) {
            throw new CorruptSnappyException("snappy: corrupt input (" + e.getMessage() + ")");
        } catch (Error e) {
            // snappy-java reports some native failures as SnappyError; corrupt input must still be a 400.
            if (e.getClass().getName().startsWith("org.xerial.snappy")) {
                throw new CorruptSnappyException("snappy: corrupt input (" + e.getMessage() + ")");
            }
            throw e;
        }
    }
}
