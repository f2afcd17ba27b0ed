package io.tributary.ingest;

/**
 * Buffers for decompressed request bodies, lent from a {@link ReusePool} so decompression does not allocate on
 * every push; buffers past {@link RequestBody#RETAINED_BYTES} are not kept.
 */
final class DecompressedBuffer {

    private static final ReusePool<byte[]> BUFFERS = new ReusePool<>(() -> new byte[256 << 10], ReusePool.DEFAULT_MAX_IDLE);

    private DecompressedBuffer() {
    }

    /** A buffer of at least {@code length} bytes, its content garbage; hand it back with {@link #release}. */
    static byte[] take(int length) {
        byte[] buffer = BUFFERS.take();
        if (buffer.length >= length) {
            return buffer;
        }
        return new byte[Math.max(length, buffer.length * 2)];
    }

    /** Returns a buffer from {@link #take} once nothing refers to its content any more. */
    static void release(byte[] buffer) {
        if (buffer.length <= RequestBody.RETAINED_BYTES) {
            BUFFERS.give(buffer);
        }
    }
}
