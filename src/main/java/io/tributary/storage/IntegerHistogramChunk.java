package io.tributary.storage;

/**
 * Prometheus's histogram chunk encoding ({@code EncHistogram}, 2) for integer histograms. The first sample stores
 * count and zero count as varbit uints, the sum as 64 raw bits and each bucket's delta-encoded value as a varbit
 * int; later samples store the delta of the delta of count, zero count and each bucket value as varbit ints, and
 * the sum XOR-compressed. Positive buckets come before negative ones.
 */
final class IntegerHistogramChunk extends HistogramChunk {
    private long count;
    private long zeroCount;
    private long countDelta;
    private long zeroCountDelta;
    private long[] positive;
    private long[] negative;
    private long[] positiveDelta;
    private long[] negativeDelta;
    private XorValueWriter sum;

    IntegerHistogramChunk(CounterResetHeader header) {
        super(ChunkEncoding.HISTOGRAM, header);
    }

    @Override
    boolean stores(NativeHistogram histogram) {
        return histogram instanceof IntegerHistogram;
    }

    @Override
    NativeHistogram staleMarker() {
        return IntegerHistogram.staleMarker();
    }

    @Override
    void writeFirst(NativeHistogram histogram) {
        IntegerHistogram h = (IntegerHistogram) histogram;
        Varbit.writeUint(stream, h.count());
        Varbit.writeUint(stream, h.zeroCount());
        long sumBits = Double.doubleToRawLongBits(h.sum());
        stream.writeBits(sumBits, 64);
        sum = new XorValueWriter(sumBits);
        for (long b : h.positiveDeltas()) {
            Varbit.writeInt(stream, b);
        }
        for (long b : h.negativeDeltas()) {
            Varbit.writeInt(stream, b);
        }
        count = h.count();
        zeroCount = h.zeroCount();
        positive = h.positiveDeltas().clone();
        negative = h.negativeDeltas().clone();
        positiveDelta = new long[positive.length];
        negativeDelta = new long[negative.length];
    }

    @Override
    void writeNext(NativeHistogram histogram) {
        IntegerHistogram h = (IntegerHistogram) histogram;
        long newCountDelta = h.count() - count;
        long newZeroCountDelta = h.zeroCount() - zeroCount;
        // A stale marker's counts carry no information; Prometheus writes them as "unchanged".
        Varbit.writeInt(stream, h.isStale() ? 0 : newCountDelta - countDelta);
        Varbit.writeInt(stream, h.isStale() ? 0 : newZeroCountDelta - zeroCountDelta);
        sum.write(stream, Double.doubleToRawLongBits(h.sum()));
        writeBuckets(h.positiveDeltas(), positive, positiveDelta);
        writeBuckets(h.negativeDeltas(), negative, negativeDelta);
        count = h.count();
        zeroCount = h.zeroCount();
        countDelta = newCountDelta;
        zeroCountDelta = newZeroCountDelta;
    }

    /** Writes each bucket value as the delta of its delta, and remembers both. A stale marker has no buckets. */
    private void writeBuckets(long[] values, long[] previous, long[] previousDelta) {
        for (int i = 0; i < values.length; i++) {
            long delta = values[i] - previous[i];
            Varbit.writeInt(stream, delta - previousDelta[i]);
            previousDelta[i] = delta;
            previous[i] = values[i];
        }
    }
}
