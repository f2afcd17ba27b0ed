package io.tributary.ingest;

/**
 * A per-thread buffer for decompressed request bodies, reused across requests so decompression does
 * not allocate on every push; buffers past {@link RequestBody#RETAINED_BYTES} are not kept.
 */
final class DecompressedBuffer {

    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[256 << 10]);

    private DecompressedBuffer() {
    }

    /** A buffer of at least {@code length} bytes; its content is garbage. */
    static byte[] atLeast(int length) {
        byte[] buffer = BUFFER.get();
        if (buffer.length >= length) {
            return buffer;
        }
        byte[] bigger = new byte[Math.max(length, buffer.length * 2)];
        if (bigger.length <= RequestBody.RETAINED_BYTES) {
            BUFFER.set(bigger);
        }
        return bigger;
    }
}
