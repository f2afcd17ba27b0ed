package io.tributary.distributor;

import java.util.List;

import io.tributary.protocol.ProtoReader;
import io.tributary.protocol.ProtoWriter;
import io.tributary.protocol.ScannedRequest;
import io.tributary.protocol.WireType;

/**
 * Encodes the series and metadata routed to one partition into one or more record values, splitting by
 * whole series (or metadata entry) when a value would pass the size limit.
 *
 * <p>Samples and histograms have the same field numbers in RW1, RW2 and both record layouts, so they are
 * copied byte for byte; only an rc.4 start timestamp is moved to the series' created_timestamp (field 6 in
 * both record layouts), because Mimir's records carry it per series. Not thread-safe.
 */
abstract sealed class RecordEncoder permits RecordV1Encoder, RecordV2Encoder {

    protected final int maxRecordBytes;
    private final ProtoReader strip = new ProtoReader();

    // Per-record counters reported with each PartitionRecord.
    protected int recordSamples;
    protected int recordHistograms;
    protected int recordExemplars;

    RecordEncoder(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * Appends the records for {@code partition} to {@code out}: series {@code order[from, to)} and metadata
     * entries {@code metaOrder[mFrom, mTo)} of {@code req}.
     */
    abstract void encode(ScannedRequest req, int[] order, int from, int to, int[] metaOrder, int mFrom, int mTo,
            int partition, List<PartitionRecord> out);

    protected void resetCounters() {
        recordSamples = 0;
        recordHistograms = 0;
        recordExemplars = 0;
    }

    protected void count(ScannedRequest req, int s) {
        recordSamples += req.sampleCount(s);
        recordHistograms += req.histogramCount(s);
        recordExemplars += req.exemplarCount(s);
    }

    /** The created timestamp to write: the series' own, else the first rc.4 start timestamp found. */
    static long createdTimestamp(ScannedRequest req, int s) {
        long created = req.createdTimestamp(s);
        if (created != 0 || (req.seriesFlags(s) & ScannedRequest.FLAG_START_TIMESTAMP) == 0) {
            return created;
        }
        for (int i = req.sampleFirst(s), end = i + req.sampleCount(s); i < end; i++) {
            if (req.sampleStartTimestamp(i) != 0) {
                return req.sampleStartTimestamp(i);
            }
        }
        for (int i = req.histogramFirst(s), end = i + req.histogramCount(s); i < end; i++) {
            if (req.histogramStartTimestamp(i) != 0) {
                return req.histogramStartTimestamp(i);
            }
        }
        return 0;
    }

    static int samplePayloadSize(ScannedRequest req, int i) {
        if (req.sampleStartTimestamp(i) == 0) {
            return req.sampleLength(i);
        }
        long bits = req.sampleValueBits(i);
        long ts = req.sampleTimestamp(i);
        return (bits != 0 ? 9 : 0) + (ts != 0 ? 1 + ProtoWriter.varintSize(ts) : 0);
    }

    static void writeSample(ProtoWriter w, int field, ScannedRequest req, int i, int payloadSize) {
        w.writeTag(field, WireType.LEN);
        w.writeVarint(payloadSize);
        if (req.sampleStartTimestamp(i) == 0) {
            w.writeRaw(req.buffer(), req.sampleOffset(i), req.sampleLength(i));
            return;
        }
        long bits = req.sampleValueBits(i);
        long ts = req.sampleTimestamp(i);
        if (bits != 0) {
            w.writeTag(1, WireType.FIXED64);
            w.writeFixed64(bits);
        }
        if (ts != 0) {
            w.writeTag(2, WireType.VARINT);
            w.writeVarint(ts);
        }
    }

    /** Histogram payload size, without field 17 (rc.4 start timestamp) when present. */
    int histogramPayloadSize(ScannedRequest req, int i) {
        if (req.histogramStartTimestamp(i) == 0) {
            return req.histogramLength(i);
        }
        int size = 0;
        ProtoReader r = strip.reset(req.buffer(), req.histogramOffset(i), req.histogramLength(i));
        while (r.hasRemaining()) {
            int start = r.position();
            int tag = r.readTag();
            r.skipField(tag);
            if (WireType.fieldNumber(tag) != 17) {
                size += r.position() - start;
            }
        }
        return size;
    }

    void writeHistogram(ProtoWriter w, int field, ScannedRequest req, int i, int payloadSize) {
        w.writeTag(field, WireType.LEN);
        w.writeVarint(payloadSize);
        if (req.histogramStartTimestamp(i) == 0) {
            w.writeRaw(req.buffer(), req.histogramOffset(i), req.histogramLength(i));
            return;
        }
        ProtoReader r = strip.reset(req.buffer(), req.histogramOffset(i), req.histogramLength(i));
        while (r.hasRemaining()) {
            int start = r.position();
            int tag = r.readTag();
            r.skipField(tag);
            if (WireType.fieldNumber(tag) != 17) {
                w.writeRaw(req.buffer(), start, r.position() - start);
            }
        }
    }

    static int fixed64FieldSize(long bits) {
        return bits != 0 ? 9 : 0;
    }

    static int varintFieldSize(long v) {
        return v != 0 ? 1 + ProtoWriter.varintSize(v) : 0;
    }

    /** Size of a string field, omitted when empty (proto3 default). */
    static int stringFieldSize(int field, int len) {
        return len != 0 ? ProtoWriter.lenFieldSize(field, len) : 0;
    }

    static void writeString(ProtoWriter w, int field, byte[] b, int off, int len) {
        if (len != 0) {
            w.writeBytesField(field, b, off, len);
        }
    }
}
