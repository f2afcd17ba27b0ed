package io.tributary.storage;

/**
 * A Prometheus native histogram chunk under construction, the part both encodings share: a 2-byte big-endian
 * sample count, a flags byte whose top two bits are the {@link CounterResetHeader}, then a bit stream with the
 * {@link HistogramChunkLayout} and the samples. Each sample starts with its timestamp as a varbit int: the first
 * raw, then the delta to the previous (as a delta of a delta of 0), then deltas of deltas. The subclass writes the
 * counts, the sum and the buckets.
 *
 * <p>Every sample of a chunk has the chunk's layout and no counter reset lies between them; the caller
 * ({@link HistogramChunks}) cuts a new chunk otherwise. A stale marker fits any chunk of its encoding: like
 * Prometheus, only its sum is written (an empty layout if it opens the chunk) and after it only stale markers may
 * follow. Not thread safe.
 */
abstract sealed class HistogramChunk permits IntegerHistogramChunk, FloatHistogramChunk {
    /** Prometheus cuts head chunks at 120 samples; its readers expect chunks of about that size. */
    static final int MAX_SAMPLES = 120;
    static final int HEADER_SIZE = 3;

    final BitWriter stream = new BitWriter(128);
    private final byte encoding;
    private final CounterResetHeader header;
    private int count;
    private long minTime;
    private long lastTime;
    private long lastDelta;
    private BucketLayout layout;
    private boolean endsStale;

    HistogramChunk(byte encoding, CounterResetHeader header) {
        this.encoding = encoding;
        this.header = header;
        stream.writeByte(0);
        stream.writeByte(0);
        stream.writeByte(header.bits());
    }

    /** An empty chunk of the encoding that stores {@code histogram}'s kind. */
    static HistogramChunk forKind(NativeHistogram histogram, CounterResetHeader header) {
        return histogram instanceof IntegerHistogram
                ? new IntegerHistogramChunk(header) : new FloatHistogramChunk(header);
    }

    /** Whether this chunk's encoding stores {@code histogram}'s kind (integer or float). */
    abstract boolean stores(NativeHistogram histogram);

    /** The kind's stale marker, written in place of a stale histogram. */
    abstract NativeHistogram staleMarker();

    abstract void writeFirst(NativeHistogram histogram);

    abstract void writeNext(NativeHistogram histogram);

    /**
     * Appends a sample.
     *
     * @throws IllegalArgumentException if the histogram is of the other kind, the timestamp does not increase, or
     *     a non-stale histogram has another layout or follows a stale marker
     */
    final void append(long timestamp, NativeHistogram histogram) {
        if (!stores(histogram)) {
            throw new IllegalArgumentException(histogram.getClass().getSimpleName() + " in a chunk of encoding "
                    + encoding);
        }
        if (count >= 0xffff) {
            throw new IllegalStateException("a histogram chunk holds at most 65535 samples");
        }
        NativeHistogram written = histogram.isStale() ? staleMarker() : histogram;
        if (count == 0) {
            layout = written.layout();
            HistogramChunkLayout.write(stream, layout);
            Varbit.writeInt(stream, timestamp);
            writeFirst(written);
            minTime = timestamp;
        } else {
            if (timestamp <= lastTime) {
                throw new IllegalArgumentException("histogram at " + timestamp + " does not follow the chunk's last "
                        + "sample at " + lastTime);
            }
            if (!histogram.isStale() && (endsStale || !layout.equals(written.layout()))) {
                throw new IllegalArgumentException("histogram at " + timestamp + " needs a new chunk: "
                        + (endsStale ? "it follows a stale marker" : "its bucket layout differs from the chunk's"));
            }
            long delta = timestamp - lastTime;
            Varbit.writeInt(stream, delta - lastDelta);
            lastDelta = delta;
            writeNext(written);
        }
        lastTime = timestamp;
        endsStale = histogram.isStale();
        count++;
        stream.setByte(0, (byte) (count >>> 8));
        stream.setByte(1, (byte) count);
    }

    final int count() {
        return count;
    }

    final long minTime() {
        return minTime;
    }

    final CounterResetHeader header() {
        return header;
    }

    /** The layout of the first sample (empty if it was a stale marker); null while the chunk is empty. */
    final BucketLayout layout() {
        return layout;
    }

    final StoredChunk toStored() {
        return new StoredChunk(minTime, lastTime, encoding, stream.toByteArray());
    }
}
