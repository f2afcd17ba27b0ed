package io.tributary.distributor;

import java.util.List;

import io.tributary.protocol.ProtoWriter;
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
            int fieldSize = forward ? req.seriesRawEnd(s) - req.seriesRawStart(s)
                    : ProtoWriter.lenFieldSize(1, seriesPayloadSize(req, s));
            if (w.size() > 0 && w.size() + fieldSize > maxRecordBytes) {
                flush(partition, out);
            }
            if (forward) {
                w.writeRaw(req.buffer(), req.seriesRawStart(s), fieldSize);
            } else {
                writeSeries(req, s);
            }
            count(req, s);
        }
        for (int k = mFrom; k < mTo; k++) {
            int m = metaOrder[k];
            int start = req.metadataRawStart(m);
            int fieldSize = start >= 0 ? req.metadataRawEnd(m) - start
                    : ProtoWriter.lenFieldSize(3, metadataPayloadSize(req, m));
            if (w.size() > 0 && w.size() + fieldSize > maxRecordBytes) {
                flush(partition, out);
            }
            if (start >= 0) {
                w.writeRaw(req.buffer(), start, fieldSize);
            } else {
                writeMetadata(req, m);
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

    private static int exemplarPayloadSize(ScannedRequest req, int e) {
        int size = 0;
        for (int l = req.exemplarLabelFirst(e), end = l + req.exemplarLabelCount(e); l < end; l++) {
            size += ProtoWriter.lenFieldSize(1,
                    labelPayloadSize(req.exemplarLabelNameLength(l), req.exemplarLabelValueLength(l)));
        }
        return size + fixed64FieldSize(req.exemplarValueBits(e)) + varintFieldSize(req.exemplarTimestamp(e));
    }

    private int seriesPayloadSize(ScannedRequest req, int s) {
        int size = 0;
        for (int l = req.labelFirst(s), end = l + req.labelCount(s); l < end; l++) {
            size += ProtoWriter.lenFieldSize(1, labelPayloadSize(req.labelNameLength(l), req.labelValueLength(l)));
        }
        for (int i = req.sampleFirst(s), end = i + req.sampleCount(s); i < end; i++) {
            size += ProtoWriter.lenFieldSize(2, samplePayloadSize(req, i));
        }
        for (int e = req.exemplarFirst(s), end = e + req.exemplarCount(s); e < end; e++) {
            size += ProtoWriter.lenFieldSize(3, exemplarPayloadSize(req, e));
        }
        for (int i = req.histogramFirst(s), end = i + req.histogramCount(s); i < end; i++) {
            size += ProtoWriter.lenFieldSize(4, histogramPayloadSize(req, i));
        }
        return size + varintFieldSize(createdTimestamp(req, s));
    }

    /** Field order follows the message definition (1, 2, 3, 4, 6), as protobuf encoders do. */
    private void writeSeries(ScannedRequest req, int s) {
        byte[] b = req.buffer();
        w.writeTag(1, WireType.LEN);
        w.writeVarint(seriesPayloadSize(req, s));
        for (int l = req.labelFirst(s), end = l + req.labelCount(s); l < end; l++) {
            int nl = req.labelNameLength(l);
            int vl = req.labelValueLength(l);
            w.writeTag(1, WireType.LEN);
            w.writeVarint(labelPayloadSize(nl, vl));
            writeString(w, 1, b, req.labelNameOffset(l), nl);
            writeString(w, 2, b, req.labelValueOffset(l), vl);
        }
        for (int i = req.sampleFirst(s), end = i + req.sampleCount(s); i < end; i++) {
            writeSample(w, 2, req, i, samplePayloadSize(req, i));
        }
        for (int e = req.exemplarFirst(s), end = e + req.exemplarCount(s); e < end; e++) {
            w.writeTag(3, WireType.LEN);
            w.writeVarint(exemplarPayloadSize(req, e));
            for (int l = req.exemplarLabelFirst(e), lend = l + req.exemplarLabelCount(e); l < lend; l++) {
                int nl = req.exemplarLabelNameLength(l);
                int vl = req.exemplarLabelValueLength(l);
                w.writeTag(1, WireType.LEN);
                w.writeVarint(labelPayloadSize(nl, vl));
                writeString(w, 1, b, req.exemplarLabelNameOffset(l), nl);
                writeString(w, 2, b, req.exemplarLabelValueOffset(l), vl);
            }
            long bits = req.exemplarValueBits(e);
            if (bits != 0) {
                w.writeTag(2, WireType.FIXED64);
                w.writeFixed64(bits);
            }
            long ts = req.exemplarTimestamp(e);
            if (ts != 0) {
                w.writeTag(3, WireType.VARINT);
                w.writeVarint(ts);
            }
        }
        for (int i = req.histogramFirst(s), end = i + req.histogramCount(s); i < end; i++) {
            writeHistogram(w, 4, req, i, histogramPayloadSize(req, i));
        }
        long created = createdTimestamp(req, s);
        if (created != 0) {
            w.writeTag(6, WireType.VARINT);
            w.writeVarint(created);
        }
    }

    private static int metadataPayloadSize(ScannedRequest req, int m) {
        return varintFieldSize(req.metadataEntryType(m))
                + stringFieldSize(2, req.metadataFamilyLength(m))
                + stringFieldSize(4, req.metadataEntryHelpLength(m))
                + stringFieldSize(5, req.metadataEntryUnitLength(m));
    }

    private void writeMetadata(ScannedRequest req, int m) {
        byte[] b = req.buffer();
        w.writeTag(3, WireType.LEN);
        w.writeVarint(metadataPayloadSize(req, m));
        int type = req.metadataEntryType(m);
        if (type != 0) {
            w.writeTag(1, WireType.VARINT);
            w.writeVarint(type);
        }
        writeString(w, 2, b, req.metadataFamilyOffset(m), req.metadataFamilyLength(m));
        writeString(w, 4, b, req.metadataEntryHelpOffset(m), req.metadataEntryHelpLength(m));
        writeString(w, 5, b, req.metadataEntryUnitOffset(m), req.metadataEntryUnitLength(m));
    }
}
