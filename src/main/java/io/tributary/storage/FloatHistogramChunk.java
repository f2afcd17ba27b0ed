package io.tributary.storage;

/**
 * Prometheus's float histogram chunk encoding ({@code EncFloatHistogram}, 3). The first sample stores count, zero
 * count, sum and each bucket's absolute count as 64 raw bits; later samples store each of them XOR-compressed
 * against its own previous value, every field with its own leading/trailing-zero window. Positive buckets come
 * before negative ones.
 */
final class FloatHistogramChunk extends HistogramChunk {
    private XorValueWriter count;
    private XorValueWriter zeroCount;
    private XorValueWriter sum;
    private XorValueWriter[] positive;
    private XorValueWriter[] negative;

    FloatHistogramChunk(CounterResetHeader header) {
        super(ChunkEncoding.FLOAT_HISTOGRAM, header);
    }

    @Override
    boolean stores(NativeHistogram histogram) {
        return histogram instanceof FloatHistogram;
    }

    @Override
    NativeHistogram staleMarker() {
        return FloatHistogram.staleMarker();
    }

    @Override
    void writeFirst(NativeHistogram histogram) {
        FloatHistogram h = (FloatHistogram) histogram;
        count = raw(h.count());
        zeroCount = raw(h.zeroCount());
        sum = raw(h.sum());
        positive = new XorValueWriter[h.positiveCounts().length];
        for (int i = 0; i < positive.length; i++) {
            positive[i] = raw(h.positiveCounts()[i]);
        }
        negative = new XorValueWriter[h.negativeCounts().length];
        for (int i = 0; i < negative.length; i++) {
            negative[i] = raw(h.negativeCounts()[i]);
        }
    }

    private XorValueWriter raw(double value) {
        long bits = Double.doubleToRawLongBits(value);
        stream.writeBits(bits, 64);
        return new XorValueWriter(bits);
    }

    @Override
    void writeNext(NativeHistogram histogram) {
        FloatHistogram h = (FloatHistogram) histogram;
        count.write(stream, Double.doubleToRawLongBits(h.count()));
        zeroCount.write(stream, Double.doubleToRawLongBits(h.zeroCount()));
        sum.write(stream, Double.doubleToRawLongBits(h.sum()));
        // A stale marker has no buckets, so none are written for it.
        for (int i = 0; i < h.positiveCounts().length; i++) {
            positive[i].write(stream, Double.doubleToRawLongBits(h.positiveCounts()[i]));
        }
        for (int i = 0; i < h.negativeCounts().length; i++) {
            negative[i].write(stream, Double.doubleToRawLongBits(h.negativeCounts()[i]));
        }
    }
}
