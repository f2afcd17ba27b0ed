package io.tributary.storage;

/** Reads a {@link FloatHistogramChunk}. */
final class FloatHistogramIterator extends HistogramChunkIterator {
    private long countBits;
    private long zeroCountBits;
    private XorValueReader count;
    private XorValueReader zeroCount;
    private XorValueReader sum;
    private double[] positive;
    private double[] negative;
    private XorValueReader[] positiveReaders;
    private XorValueReader[] negativeReaders;

    FloatHistogramIterator(byte[] chunk) {
        super(chunk);
    }

    @Override
    long readFirst(int positiveBuckets, int negativeBuckets) {
        countBits = reader.readBits(64);
        count = new XorValueReader(countBits);
        zeroCountBits = reader.readBits(64);
        zeroCount = new XorValueReader(zeroCountBits);
        long sumBits = reader.readBits(64);
        sum = new XorValueReader(sumBits);
        positive = new double[positiveBuckets];
        positiveReaders = readRaw(positive);
        negative = new double[negativeBuckets];
        negativeReaders = readRaw(negative);
        return sumBits;
    }

    private XorValueReader[] readRaw(double[] values) {
        XorValueReader[] readers = new XorValueReader[values.length];
        for (int i = 0; i < values.length; i++) {
            long bits = reader.readBits(64);
            values[i] = Double.longBitsToDouble(bits);
            readers[i] = new XorValueReader(bits);
        }
        return readers;
    }

    @Override
    long readNext() {
        countBits = count.read(reader);
        zeroCountBits = zeroCount.read(reader);
        long sumBits = sum.read(reader);
        if (sumBits != NativeHistogram.STALE_NAN_BITS) {
            readXor(positive, positiveReaders);
            readXor(negative, negativeReaders);
        }
        return sumBits;
    }

    private void readXor(double[] values, XorValueReader[] readers) {
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.longBitsToDouble(readers[i].read(reader));
        }
    }

    @Override
    NativeHistogram staleMarker() {
        return FloatHistogram.staleMarker();
    }

    @Override
    NativeHistogram current(BucketLayout layout, ResetHint hint, double sumValue) {
        return new FloatHistogram(hint, layout, Double.longBitsToDouble(countBits),
                Double.longBitsToDouble(zeroCountBits), sumValue, positive.clone(), negative.clone());
    }
}
