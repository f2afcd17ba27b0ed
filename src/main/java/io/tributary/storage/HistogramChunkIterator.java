package io.tributary.storage;

import java.util.List;

/**
 * Reads the samples of a Prometheus histogram chunk (either encoding) in order. Usage:
 * {@code while (it.next()) { it.timestamp(); it.histogram(); }}. Reset hints come from the chunk header (see
 * {@link CounterResetHeader#hintOfSample}); a stale marker reads back as the kind's
 * {@link IntegerHistogram#staleMarker() stale marker}, since Prometheus stores only its sum.
 *
 * @throws IllegalStateException from {@link #next()} when the bytes end early or describe nonsense
 */
public abstract sealed class HistogramChunkIterator permits IntegerHistogramIterator, FloatHistogramIterator {
    /** No real layout has this many buckets; a larger claim means the bytes are not a histogram chunk. */
    private static final long MAX_BUCKETS = 1 << 20;

    final BitReader reader;
    private final int total;
    private final CounterResetHeader header;
    private int read;
    private long timestamp;
    private long timestampDelta;
    private BucketLayout layout;
    private long sumBits;

    HistogramChunkIterator(byte[] chunk) {
        if (chunk.length < HistogramChunk.HEADER_SIZE) {
            throw new IllegalArgumentException("histogram chunk shorter than its 3-byte header");
        }
        this.total = ((chunk[0] & 0xff) << 8) | (chunk[1] & 0xff);
        this.header = CounterResetHeader.of(chunk[2]);
        this.reader = new BitReader(chunk, HistogramChunk.HEADER_SIZE, chunk.length);
    }

    /** An iterator for a chunk of {@link ChunkEncoding#HISTOGRAM} or {@link ChunkEncoding#FLOAT_HISTOGRAM}. */
    public static HistogramChunkIterator of(byte encoding, byte[] chunk) {
        return switch (encoding) {
            case ChunkEncoding.HISTOGRAM -> new IntegerHistogramIterator(chunk);
            case ChunkEncoding.FLOAT_HISTOGRAM -> new FloatHistogramIterator(chunk);
            default -> throw new IllegalArgumentException("chunk encoding " + encoding + " is not a histogram one");
        };
    }

    public static boolean isHistogramEncoding(byte encoding) {
        return encoding == ChunkEncoding.HISTOGRAM || encoding == ChunkEncoding.FLOAT_HISTOGRAM;
    }

    public final boolean next() {
        if (read >= total) {
            return false;
        }
        if (read == 0) {
            layout = HistogramChunkLayout.read(reader);
            int positive = checkedBuckets(layout.positiveSpans());
            int negative = checkedBuckets(layout.negativeSpans());
            timestamp = Varbit.readInt(reader);
            sumBits = readFirst(positive, negative);
        } else {
            timestampDelta += Varbit.readInt(reader);
            timestamp += timestampDelta;
            sumBits = readNext();
        }
        read++;
        return true;
    }

    private static int checkedBuckets(List<BucketSpan> spans) {
        long n = BucketLayout.bucketCount(spans);
        if (n > MAX_BUCKETS) {
            throw new IllegalStateException("histogram chunk layout claims " + n + " buckets");
        }
        return (int) n;
    }

    public final long timestamp() {
        return timestamp;
    }

    /** The current sample, a fresh object each call. */
    public final NativeHistogram histogram() {
        if (sumBits == NativeHistogram.STALE_NAN_BITS) {
            return staleMarker();
        }
        return current(layout, header.hintOfSample(read == 1), Double.longBitsToDouble(sumBits));
    }

    public final CounterResetHeader header() {
        return header;
    }

    /** Reads the first sample's values after its timestamp and returns the sum's bits. */
    abstract long readFirst(int positiveBuckets, int negativeBuckets);

    /** Reads a later sample's values after its timestamp and returns the sum's bits; buckets only if not stale. */
    abstract long readNext();

    abstract NativeHistogram staleMarker();

    abstract NativeHistogram current(BucketLayout layout, ResetHint hint, double sum);
}
