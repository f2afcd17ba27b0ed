package io.tributary.storage;

import java.util.List;

/**
 * Walks the float samples of a series within [mint, maxt] in time order, across its XOR chunks. A timestamp
 * is returned at most once even if chunks overlap. Usage: {@code while (cursor.next()) { cursor.timestamp();
 * cursor.valueBits(); }}.
 */
public final class SampleCursor {
    private final List<StoredChunk> chunks;
    private final long mint;
    private final long maxt;
    private int nextChunk;
    private XorIterator current;
    private boolean emitted;
    private long timestamp;
    private long valueBits;

    public SampleCursor(SeriesChunks series, long mint, long maxt) {
        this.chunks = series.chunks();
        this.mint = mint;
        this.maxt = maxt;
    }

    public boolean next() {
        while (true) {
            if (current == null && !openNextChunk()) {
                return false;
            }
            if (!current.next()) {
                current = null;
                continue;
            }
            long t = current.timestamp();
            if (t > maxt) {
                // A chunk's samples are in time order, so the rest of this one is past the range too.
                current = null;
                continue;
            }
            if (t < mint || (emitted && t <= timestamp)) {
                continue;
            }
            timestamp = t;
            valueBits = current.valueBits();
            emitted = true;
            return true;
        }
    }

    private boolean openNextChunk() {
        while (nextChunk < chunks.size()) {
            StoredChunk chunk = chunks.get(nextChunk++);
            if (chunk.encoding() == ChunkEncoding.XOR && chunk.overlaps(mint, maxt)
                    && !(emitted && chunk.maxTime() <= timestamp)) {
                current = new XorIterator(chunk.data());
                return true;
            }
        }
        return false;
    }

    public long timestamp() {
        return timestamp;
    }

    public long valueBits() {
        return valueBits;
    }

    public double value() {
        return Double.longBitsToDouble(valueBits);
    }
}
