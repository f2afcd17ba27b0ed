package io.tributary.protocol;

import java.util.List;

/**
 * Encodes a SAMPLES remote-read answer, {@code prometheus.ReadResponse}: one {@code QueryResult} per query, in
 * the request's order, each with its {@code TimeSeries} (labels = 1, samples = 2, histograms = 4). The caller
 * snappy-compresses the result as one block, so the whole message is built in memory, as Prometheus does.
 */
public final class ReadResponseEncoder {

    private ReadResponseEncoder() {
    }

    public static byte[] encode(List<List<ReadSeries>> results) {
        int[][] seriesSizes = new int[results.size()][];
        EncodedLabels[][] labels = new EncodedLabels[results.size()][];
        int[] resultSizes = new int[results.size()];
        int total = 0;
        for (int q = 0; q < results.size(); q++) {
            List<ReadSeries> result = results.get(q);
            seriesSizes[q] = new int[result.size()];
            labels[q] = new EncodedLabels[result.size()];
            for (int s = 0; s < result.size(); s++) {
                labels[q][s] = new EncodedLabels(result.get(s).labels());
                seriesSizes[q][s] = seriesSize(labels[q][s], result.get(s));
                resultSizes[q] += ProtoWriter.lenFieldSize(1, seriesSizes[q][s]);
            }
            total += ProtoWriter.lenFieldSize(1, resultSizes[q]);
        }
        ProtoWriter w = new ProtoWriter(total);
        for (int q = 0; q < results.size(); q++) {
            w.writeTag(1, WireType.LEN);
            w.writeVarint(resultSizes[q]);
            List<ReadSeries> result = results.get(q);
            for (int s = 0; s < result.size(); s++) {
                w.writeTag(1, WireType.LEN);
                w.writeVarint(seriesSizes[q][s]);
                writeSeries(w, labels[q][s], result.get(s));
            }
        }
        return w.toByteArray();
    }

    private static int seriesSize(EncodedLabels labels, ReadSeries series) {
        int size = labels.fieldsSize(1);
        for (Sample sample : series.samples()) {
            size += ProtoWriter.lenFieldSize(2, sampleSize(sample));
        }
        for (byte[] histogram : series.histograms()) {
            size += ProtoWriter.lenFieldSize(4, histogram.length);
        }
        return size;
    }

    private static void writeSeries(ProtoWriter w, EncodedLabels labels, ReadSeries series) {
        labels.write(w, 1);
        for (Sample sample : series.samples()) {
            w.writeTag(2, WireType.LEN);
            w.writeVarint(sampleSize(sample));
            if (sample.valueBits() != 0) {
                w.writeTag(1, WireType.FIXED64);
                w.writeFixed64(sample.valueBits());
            }
            if (sample.timestamp() != 0) {
                w.writeTag(2, WireType.VARINT);
                w.writeVarint(sample.timestamp());
            }
        }
        for (byte[] histogram : series.histograms()) {
            w.writeBytesField(4, histogram, 0, histogram.length);
        }
    }

    /**
     * proto3 omits defaults: a value whose bits are all zero (+0.0, not -0.0) and a zero timestamp. A negative
     * timestamp is a ten-byte varint (int64, not sint64).
     */
    private static int sampleSize(Sample sample) {
        return (sample.valueBits() != 0 ? 1 + 8 : 0)
                + (sample.timestamp() != 0 ? 1 + ProtoWriter.varintSize(sample.timestamp()) : 0);
    }
}
