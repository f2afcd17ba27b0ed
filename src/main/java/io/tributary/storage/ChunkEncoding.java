package io.tributary.storage;

/** Prometheus chunk encodings, as stored in block chunk segments and remote-read chunked responses. */
public final class ChunkEncoding {
    public static final byte XOR = 1;
    public static final byte HISTOGRAM = 2;
    public static final byte FLOAT_HISTOGRAM = 3;

    private ChunkEncoding() {
    }
}
