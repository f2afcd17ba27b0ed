package io.tributary.distributor;

import java.util.List;

import io.tributary.protocol.ExemplarColumns;
import io.tributary.protocol.HistogramColumns;
import io.tributary.protocol.LabelColumns;
import io.tributary.protocol.MetadataColumns;
import io.tributary.protocol.ProtoWriter;
import io.tributary.protocol.SampleColumns;
import io.tributary.protocol.ScannedRequest;
import io.tributary.protocol.WireType;

/**
 * Writes record version 1: an RW1-compatible {@code WriteRequest} (series in field 1, metadata in field 3).
 *
 * <p>A series scanned from an RW1 request and left untouched by validation is forwarded as the exact bytes
 * the sender wrote, which is both the fastest path and trivially wire-compatible.
 */
final class RecordV1Encoder extends RecordEncoder {

    private final ProtoWriter w = new ProtoWriter(64 * 1024);

    RecordV1Encoder(int maxRecordBytes) {
        super(maxRecordBytes);
    }

    @Override
    void encode(ScannedRequest req, int[] order, int from, int to, int[] metaOrder, int mFrom, int mTo,
            int partition, List<PartitionRecord> out) {
        w.reset();
        resetCounters();
        for (int k = from; k < to; k++) {
            int s = order[k];
            boolean forward = !req.isRw2() && (req.seriesFlags(s) & ScannedRequest.FLAG_MODIFIED) == 0;
            // Computed once and handed to writeSeries: the size walk over every label is not free.
            int payloadSize = forward ? 0 : seriesPayloadSize(req, s);
            int fieldSize = forward ? req.seriesRawEnd(s) - req.seriesRawStart(s)
                    : ProtoWriter.lenFieldSize(1, payloadSize);
            if (w.size() > 0 && w.size() + fieldSize > maxRecordBytes) {
                flush(partition, out);
            }
            if (forward) {
                w.writeRaw(req.buffer(), req.seriesRawStart(s), fieldSize);
            } else {
                writeSeries(req, s, payloadSize);
            }
            count(req, s);
        }
        MetadataColumns metadata = req.metadata();
        for (int k = mFrom; k < mTo; k++) {
            int m = metaOrder[k];
            int start = metadata.rawStart(m);
            int fieldSize = start >= 0 ? metadata.rawEnd(m) - start
                    : ProtoWriter.lenFieldSize(3, metadataPayloadSize(metadata, m));
            if (w.size() > 0 && w.size() + fieldSize > maxRecordBytes) {
                flush(partition, out);
            }
            if (start >= 0) {
                w.writeRaw(req.buffer(), start, fieldSize);
            } else {
                writeMetadata(req.buffer(), metadata, m);
            }
        }
        if (w.size() > 0) {
            flush(partition, out);
        }
    }

    private void flush(int partition, List<PartitionRecord> out) {
        out.add(new PartitionRecord(partition, w.toByteArray(), recordSamples, recordHistograms, recordExemplars));
        w.reset();
        resetCounters();
    }

    private static int labelPayloadSize(int nameLen, int valueLen) {
        return stringFieldSize(1, nameLen) + stringFieldSize(2, valueLen);
    }

    /** Size of {@code count} Label messages (series or exemplar labels), each as field 1. */
    private static int labelsSize(LabelColumns labels, int first, int count) {
        int size = 0;
        for (int l = first, end = first + count; l < end; l++) {
            size += ProtoWriter.lenFieldSize(1, labelPayloadSize(labels.nameLength(l), labels.valueLength(l)));
        }
        return size;
    }

    /** Writes {@code count} Label messages (series or exemplar labels), each as field 1. */
    private void writeLabels(byte[] b, LabelColumns labels, int first, int count) {
        for (int l = first, end = first + count; l < end; l++) {
            w.writeLabelField(b, labels.nameOffset(l), labels.nameLength(l), labels.valueOffset(l),
                    labels.valueLength(l));
        }
    }

    private static int exemplarPayloadSize(ExemplarColumns exemplars, int e) {
        return labelsSize(exemplars.labels(), exemplars.labelFirst(e), exemplars.labelCount(e))
                + exemplarValueAndTimestampSize(exemplars, e);
    }

    private int seriesPayloadSize(ScannedRequest req, int s) {
        byte[] b = req.buffer();
        int size = labelsSize(req.labels(), req.labelFirst(s), req.labelCount(s));
        SampleColumns samples = req.samples();
        for (int i = req.sampleFirst(s), end = i + req.sampleCount(s); i < end; i++) {
            size += ProtoWriter.lenFieldSize(2, samplePayloadSize(samples, i));
        }
        ExemplarColumns exemplars = req.exemplars();
        for (int e = req.exemplarFirst(s), end = e + req.exemplarCount(s); e < end; e++) {
            size += ProtoWriter.lenFieldSize(3, exemplarPayloadSize(exemplars, e));
        }
        HistogramColumns histograms = req.histograms();
        for (int i = req.histogramFirst(s), end = i + req.histogramCount(s); i < end; i++) {
            size += ProtoWriter.lenFieldSize(4, histogramPayloadSize(b, histograms, i));
        }
        return size + varintFieldSize(createdTimestamp(req, s));
    }

    /** Field order follows the message definition (1, 2, 3, 4, 6), as protobuf encoders do. */
    private void writeSeries(ScannedRequest req, int s, int payloadSize) {
        byte[] b = req.buffer();
        w.writeTag(1, WireType.LEN);
        w.writeVarint(payloadSize);
        writeLabels(b, req.labels(), req.labelFirst(s), req.labelCount(s));
        SampleColumns samples = req.samples();
        for (int i = req.sampleFirst(s), end = i + req.sampleCount(s); i < end; i++) {
            writeSample(w, 2, b, samples, i, samplePayloadSize(samples, i));
        }
        ExemplarColumns exemplars = req.exemplars();
        for (int e = req.exemplarFirst(s), end = e + req.exemplarCount(s); e < end; e++) {
            w.writeTag(3, WireType.LEN);
            w.writeVarint(exemplarPayloadSize(exemplars, e));
            writeLabels(b, exemplars.labels(), exemplars.labelFirst(e), exemplars.labelCount(e));
            writeExemplarValueAndTimestamp(w, exemplars, e);
        }
        HistogramColumns histograms = req.histograms();
        for (int i = req.histogramFirst(s), end = i + req.histogramCount(s); i < end; i++) {
            writeHistogram(w, 4, b, histograms, i, histogramPayloadSize(b, histograms, i));
        }
        writeVarintField(w, 6, createdTimestamp(req, s));
    }

    private static int metadataPayloadSize(MetadataColumns metadata, int m) {
        return varintFieldSize(metadata.type(m))
                + stringFieldSize(2, metadata.familyLength(m))
                + stringFieldSize(4, metadata.helpLength(m))
                + stringFieldSize(5, metadata.unitLength(m));
    }

    private void writeMetadata(byte[] b, MetadataColumns metadata, int m) {
        w.writeTag(3, WireType.LEN);
        w.writeVarint(metadataPayloadSize(metadata, m));
        writeVarintField(w, 1, metadata.type(m));
        writeString(w, 2, b, metadata.familyOffset(m), metadata.familyLength(m));
        writeString(w, 4, b, metadata.helpOffset(m), metadata.helpLength(m));
        writeString(w, 5, b, metadata.unitOffset(m), metadata.unitLength(m));
    }
}
