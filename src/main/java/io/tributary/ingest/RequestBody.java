package io.tributary.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a request body into a buffer lent from a {@link ReusePool}, so the hot path does not allocate a fresh
 * array per push. Buffers that grew past {@link #RETAINED_BYTES} are not kept, so one huge request does not pin
 * memory for good.
 */
final class RequestBody {

    static final int RETAINED_BYTES = 8 << 20;

    private static final ReusePool<byte[]> BUFFERS = new ReusePool<>(() -> new byte[64 << 10], ReusePool.DEFAULT_MAX_IDLE);

    private RequestBody() {
    }

    /** A body of {@code length} bytes in {@code bytes}; bytes past the length are garbage. */
    record Bytes(byte[] bytes, int length) {
        /** Hands the buffer back for reuse once the body has been handled; the bytes must not be read after. */
        void release() {
            if (bytes.length <= RETAINED_BYTES) {
                BUFFERS.give(bytes);
            }
        }
    }

    /**
     * Reads the whole body.
     *
     * @throws TooLargeException when it exceeds {@code maxBytes}
     */
    static Bytes read(InputStream in, int contentLength, int maxBytes) throws IOException {
        if (contentLength > maxBytes) {
            throw new TooLargeException("request body of " + contentLength + " bytes exceeds distributor.max-recv-msg-size ("
                    + maxBytes + " bytes)");
        }
        byte[] buffer = BUFFERS.take();
        if (contentLength > buffer.length) {
            buffer = new byte[contentLength];
        }
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                if (length >= maxBytes) {
                    if (in.read() < 0) {
                        break;
                    }
                    throw new TooLargeException("request body exceeds distributor.max-recv-msg-size (" + maxBytes + " bytes)");
                }
                buffer = Arrays.copyOf(buffer, (int) Math.min(maxBytes, buffer.length * 2L));
            }
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                break;
            }
            length += n;
        }
        return new Bytes(buffer, length);
    }

    /** A body larger than allowed: answered with 413. */
    static final class TooLargeException extends RuntimeException {
        TooLargeException(String message) {
            super(message);
        }
    }
}
