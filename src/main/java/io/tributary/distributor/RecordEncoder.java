package io.tributary.distributor;

import java.util.List;

import io.tributary.protocol.ExemplarColumns;
import io.tributary.protocol.HistogramColumns;
import io.tributary.protocol.ProtoReader;
import io.tributary.protocol.ProtoWriter;
import io.tributary.protocol.SampleColumns;
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
        SampleColumns samples = req.samples();
        for (int i = req.sampleFirst(s), end = i + req.sampleCount(s); i < end; i++) {
            if (samples.startTimestamp(i) != 0) {
                return samples.startTimestamp(i);
            }
        }
        HistogramColumns histograms = req.histograms();
        for (int i = req.histogramFirst(s), end = i + req.histogramCount(s); i < end; i++) {
            if (histograms.startTimestamp(i) != 0) {
                return histograms.startTimestamp(i);
            }
        }
        return 0;
    }

    /** Sample payload size, without field 3 (rc.4 start timestamp) when present. */
    static int samplePayloadSize(SampleColumns samples, int i) {
        if (samples.startTimestamp(i) == 0) {
            return samples.length(i);
        }
        return fixed64FieldSize(samples.valueBits(i)) + varintFieldSize(samples.timestamp(i));
    }

    static void writeSample(ProtoWriter w, int field, byte[] b, SampleColumns samples, int i, int payloadSize) {
        w.writeTag(field, WireType.LEN);
        w.writeVarint(payloadSize);
        if (samples.startTimestamp(i) == 0) {
            w.writeRaw(b, samples.offset(i), samples.length(i));
            return;
        }
        writeFixed64Field(w, 1, samples.valueBits(i));
        writeVarintField(w, 2, samples.timestamp(i));
    }

    /** Histogram payload size, without field 17 (rc.4 start timestamp) when present. */
    int histogramPayloadSize(byte[] b, HistogramColumns histograms, int i) {
        if (histograms.startTimestamp(i) == 0) {
            return histograms.length(i);
        }
        return withoutStartTimestamp(b, histograms, i, null);
    }

    void writeHistogram(ProtoWriter w, int field, byte[] b, HistogramColumns histograms, int i, int payloadSize) {
        w.writeTag(field, WireType.LEN);
        w.writeVarint(payloadSize);
        if (histograms.startTimestamp(i) == 0) {
            w.writeRaw(b, histograms.offset(i), histograms.length(i));
            return;
        }
        withoutStartTimestamp(b, histograms, i, w);
    }

    /**
     * The histogram's fields except the rc.4 start_timestamp (17), which records carry on the series instead:
     * their size, and written to {@code w} unless it is null (one loop for the size pass and the write pass).
     */
    private int withoutStartTimestamp(byte[] b, HistogramColumns histograms, int i, ProtoWriter w) {
        int size = 0;
        ProtoReader r = strip.reset(b, histograms.offset(i), histograms.length(i));
        while (r.hasRemaining()) {
            int start = r.position();
            int tag = r.readTag();
            r.skipField(tag);
            if (WireType.fieldNumber(tag) != 17) {
                size += r.position() - start;
                if (w != null) {
                    w.writeRaw(b, start, r.position() - start);
                }
            }
        }
        return size;
    }

    /** Exemplar value and timestamp share field numbers 2 and 3 in both record layouts. */
    static int exemplarValueAndTimestampSize(ExemplarColumns exemplars, int e) {
        return fixed64FieldSize(exemplars.valueBits(e)) + varintFieldSize(exemplars.timestamp(e));
    }

    static void writeExemplarValueAndTimestamp(ProtoWriter w, ExemplarColumns exemplars, int e) {
        writeFixed64Field(w, 2, exemplars.valueBits(e));
        writeVarintField(w, 3, exemplars.timestamp(e));
    }

    static int fixed64FieldSize(long bits) {
        return bits != 0 ? 9 : 0;
    }

    static int varintFieldSize(long v) {
        return v != 0 ? 1 + ProtoWriter.varintSize(v) : 0;
    }

    /** Writes a fixed64 field, omitted when 0 (proto3 default). */
    static void writeFixed64Field(ProtoWriter w, int field, long bits) {
        if (bits != 0) {
            w.writeTag(field, WireType.FIXED64);
            w.writeFixed64(bits);
        }
    }

    /** Writes a varint field, omitted when 0 (proto3 default). */
    static void writeVarintField(ProtoWriter w, int field, long v) {
        if (v != 0) {
            w.writeTag(field, WireType.VARINT);
            w.writeVarint(v);
        }
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
