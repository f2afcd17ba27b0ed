package io.tributary.storage;

/** Reads an {@link IntegerHistogramChunk}. */
final class IntegerHistogramIterator extends HistogramChunkIterator {
    private long count;
    private long zeroCount;
    private long countDelta;
    private long zeroCountDelta;
    private long[] positive;
    private long[] negative;
    private long[] positiveDelta;
    private long[] negativeDelta;
    private XorValueReader sum;

    IntegerHistogramIterator(byte[] chunk) {
        super(chunk);
    }

    @Override
    long readFirst(int positiveBuckets, int negativeBuckets) {
        count = Varbit.readUint(reader);
        zeroCount = Varbit.readUint(reader);
        long sumBits = reader.readBits(64);
        sum = new XorValueReader(sumBits);
        positive = readInts(positiveBuckets);
        negative = readInts(negativeBuckets);
        positiveDelta = new long[positiveBuckets];
        negativeDelta = new long[negativeBuckets];
        return sumBits;
    }

    private long[] readInts(int n) {
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = Varbit.readInt(reader);
        }
        return values;
    }

    @Override
    long readNext() {
        countDelta += Varbit.readInt(reader);
        count += countDelta;
        zeroCountDelta += Varbit.readInt(reader);
        zeroCount += zeroCountDelta;
        long sumBits = sum.read(reader);
        if (sumBits != NativeHistogram.STALE_NAN_BITS) {
            readDeltas(positive, positiveDelta);
            readDeltas(negative, negativeDelta);
        }
        return sumBits;
    }

    private void readDeltas(long[] values, long[] deltas) {
        for (int i = 0; i < values.length; i++) {
            deltas[i] += Varbit.readInt(reader);
            values[i] += deltas[i];
        }
    }

    @Override
    NativeHistogram staleMarker() {
        return IntegerHistogram.staleMarker();
    }

    @Override
    NativeHistogram current(BucketLayout layout, ResetHint hint, double sumValue) {
        return new IntegerHistogram(hint, layout, count, zeroCount, sumValue, positive.clone(), negative.clone());
    }
}
