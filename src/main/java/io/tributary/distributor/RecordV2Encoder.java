package io.tributary.distributor;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.tributary.protocol.ProtoWriter;
import io.tributary.protocol.ScannedRequest;
import io.tributary.protocol.SliceHash;
import io.tributary.protocol.WireType;

/**
 * Writes record version 2: {@code symbolsRW2} (field 4) followed by {@code timeseriesRW2} (field 5), with refs
 * resolved through {@link RecordSymbols}.
 *
 * <p>Metadata routed to the partition is attached to every series of the record whose {@code __name__} equals
 * the family; metadata without such a series travels in an extra series whose only label is {@code __name__}
 * and which has no samples, as Mimir's encoder does. Each split piece gets its own symbols. Not thread-safe.
 */
final class RecordV2Encoder extends RecordEncoder {

    private static final byte[] METRIC_NAME = "__name__".getBytes(StandardCharsets.UTF_8);
    private static final int METRIC_NAME_REF = 1; // index of "__name__" in the common symbols

    private final RecordSymbols symbols = new RecordSymbols();
    private final ProtoWriter series = new ProtoWriter(64 * 1024);
    private int[] refs = new int[64];
    private int[] exRefs = new int[16];
    private int[] metaSlots = new int[16];
    private boolean[] metaMatched = new boolean[16];
    private int itemsInRecord;

    // current partition's inputs
    private ScannedRequest req;
    private int[] metaOrder;
    private int mFrom;
    private int mTo;

    RecordV2Encoder(int maxRecordBytes) {
        super(maxRecordBytes);
    }

    @Override
    void encode(ScannedRequest request, int[] order, int from, int to, int[] metaOrder, int mFrom, int mTo,
            int partition, List<PartitionRecord> out) {
        this.req = request;
        this.metaOrder = metaOrder;
        this.mFrom = mFrom;
        this.mTo = mTo;
        startRecord();
        buildMetadataIndex();
        for (int k = from; k < to; k++) {
            int s = order[k];
            int meta = mTo > mFrom ? metadataFor(s) : -1;
            append(s, meta, partition, out);
        }
        for (int k = 0; k < mTo - mFrom; k++) {
            if (!metaMatched[k]) {
                append(-1, metaOrder[mFrom + k], partition, out);
            }
        }
        if (itemsInRecord > 0) {
            flush(partition, out);
        }
        this.req = null;
    }

    private void startRecord() {
        symbols.reset(req.buffer(), req.symbolCount());
        series.reset();
        resetCounters();
        itemsInRecord = 0;
    }

    /** Appends a series ({@code s >= 0}) or a metadata carrier ({@code s == -1}), splitting when it overflows. */
    private void append(int s, int meta, int partition, List<PartitionRecord> out) {
        int seriesMark = series.size();
        int symbolsMark = symbols.encoded().size();
        writeItem(s, meta);
        if (itemsInRecord > 0 && symbols.encoded().size() + series.size() > maxRecordBytes) {
            // Undo this item, close the record without it, and write it again with fresh symbols.
            series.truncate(seriesMark);
            symbols.encoded().truncate(symbolsMark);
            flush(partition, out);
            writeItem(s, meta);
        }
        itemsInRecord++;
        if (s >= 0) {
            count(req, s);
        }
    }

    private void flush(int partition, List<PartitionRecord> out) {
        ProtoWriter sym = symbols.encoded();
        byte[] value = new byte[sym.size() + series.size()];
        System.arraycopy(sym.buffer(), 0, value, 0, sym.size());
        System.arraycopy(series.buffer(), 0, value, sym.size(), series.size());
        out.add(new PartitionRecord(partition, value, recordSamples, recordHistograms, recordExemplars));
        startRecord();
    }

    private void writeItem(int s, int meta) {
        byte[] b = req.buffer();
        int nRefs;
        int exRefCount = 0;
        if (s >= 0) {
            int first = req.labelFirst(s);
            nRefs = req.labelCount(s) * 2;
            if (refs.length < nRefs) {
                refs = new int[nRefs * 2];
            }
            for (int l = first, j = 0; j < nRefs; l++, j += 2) {
                refs[j] = symbols.ref(req.labelNameOffset(l), req.labelNameLength(l), req.labelNameSymbol(l));
                refs[j + 1] = symbols.ref(req.labelValueOffset(l), req.labelValueLength(l), req.labelValueSymbol(l));
            }
            for (int e = req.exemplarFirst(s), end = e + req.exemplarCount(s); e < end; e++) {
                for (int l = req.exemplarLabelFirst(e), lend = l + req.exemplarLabelCount(e); l < lend; l++) {
                    if (exRefs.length < exRefCount + 2) {
                        exRefs = Arrays.copyOf(exRefs, exRefs.length * 2);
                    }
                    exRefs[exRefCount++] = symbols.ref(req.exemplarLabelNameOffset(l),
                            req.exemplarLabelNameLength(l), req.exemplarLabelNameSymbol(l));
                    exRefs[exRefCount++] = symbols.ref(req.exemplarLabelValueOffset(l),
                            req.exemplarLabelValueLength(l), req.exemplarLabelValueSymbol(l));
                }
            }
        } else {
            nRefs = 2;
            refs[0] = METRIC_NAME_REF;
            refs[1] = symbols.ref(req.metadataFamilyOffset(meta), req.metadataFamilyLength(meta));
        }
        int metaType = 0;
        int helpRef = 0;
        int unitRef = 0;
        if (meta >= 0) {
            metaType = req.metadataEntryType(meta);
            helpRef = symbols.ref(req.metadataEntryHelpOffset(meta), req.metadataEntryHelpLength(meta));
            unitRef = symbols.ref(req.metadataEntryUnitOffset(meta), req.metadataEntryUnitLength(meta));
        }

        // Sizes first, so every length prefix is written once, in place.
        int labelsPacked = packedSize(refs, 0, nRefs);
        int size = nRefs > 0 ? ProtoWriter.lenFieldSize(1, labelsPacked) : 0;
        long created = 0;
        if (s >= 0) {
            for (int i = req.sampleFirst(s), end = i + req.sampleCount(s); i < end; i++) {
                size += ProtoWriter.lenFieldSize(2, samplePayloadSize(req, i));
            }
            for (int i = req.histogramFirst(s), end = i + req.histogramCount(s); i < end; i++) {
                size += ProtoWriter.lenFieldSize(3, histogramPayloadSize(req, i));
            }
            int x = 0;
            for (int e = req.exemplarFirst(s), end = e + req.exemplarCount(s); e < end; e++) {
                int n = req.exemplarLabelCount(e) * 2;
                size += ProtoWriter.lenFieldSize(4, exemplarPayloadSize(e, x, n));
                x += n;
            }
            created = createdTimestamp(req, s);
        }
        int metaPayload = varintFieldSize(metaType) + varintFieldSize(helpRef) + varintFieldSize(unitRef);
        if (meta >= 0) {
            size += ProtoWriter.lenFieldSize(5, metaPayload);
        }
        size += varintFieldSize(created);

        ProtoWriter w = series;
        w.writeTag(5, WireType.LEN);
        w.writeVarint(size);
        if (nRefs > 0) {
            w.writeTag(1, WireType.LEN);
            w.writeVarint(labelsPacked);
            for (int j = 0; j < nRefs; j++) {
                w.writeVarint(refs[j]);
            }
        }
        if (s >= 0) {
            for (int i = req.sampleFirst(s), end = i + req.sampleCount(s); i < end; i++) {
                writeSample(w, 2, req, i, samplePayloadSize(req, i));
            }
            for (int i = req.histogramFirst(s), end = i + req.histogramCount(s); i < end; i++) {
                writeHistogram(w, 3, req, i, histogramPayloadSize(req, i));
            }
            int x = 0;
            for (int e = req.exemplarFirst(s), end = e + req.exemplarCount(s); e < end; e++) {
                int n = req.exemplarLabelCount(e) * 2;
                w.writeTag(4, WireType.LEN);
                w.writeVarint(exemplarPayloadSize(e, x, n));
                if (n > 0) {
                    w.writeTag(1, WireType.LEN);
                    w.writeVarint(packedSize(exRefs, x, n));
                    for (int j = x; j < x + n; j++) {
                        w.writeVarint(exRefs[j]);
                    }
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
                x += n;
            }
        }
        if (meta >= 0) {
            w.writeTag(5, WireType.LEN);
            w.writeVarint(metaPayload);
            if (metaType != 0) {
                w.writeTag(1, WireType.VARINT);
                w.writeVarint(metaType);
            }
            if (helpRef != 0) {
                w.writeTag(3, WireType.VARINT);
                w.writeVarint(helpRef);
            }
            if (unitRef != 0) {
                w.writeTag(4, WireType.VARINT);
                w.writeVarint(unitRef);
            }
        }
        if (created != 0) {
            w.writeTag(6, WireType.VARINT);
            w.writeVarint(created);
        }
    }

    private int exemplarPayloadSize(int e, int refFrom, int refCount) {
        int size = refCount > 0 ? ProtoWriter.lenFieldSize(1, packedSize(exRefs, refFrom, refCount)) : 0;
        return size + fixed64FieldSize(req.exemplarValueBits(e)) + varintFieldSize(req.exemplarTimestamp(e));
    }

    private static int packedSize(int[] values, int from, int count) {
        int size = 0;
        for (int j = from; j < from + count; j++) {
            size += ProtoWriter.varintSize(values[j] & 0xffffffffL);
        }
        return size;
    }

    // ------------------------------------------------------------------ metadata → series matching

    private void buildMetadataIndex() {
        int n = mTo - mFrom;
        if (n == 0) {
            return;
        }
        int cap = Integer.highestOneBit(Math.max(4, n * 2)) * 2;
        if (metaSlots.length < cap) {
            metaSlots = new int[cap];
        } else {
            Arrays.fill(metaSlots, 0);
        }
        if (metaMatched.length < n) {
            metaMatched = new boolean[n * 2];
        }
        Arrays.fill(metaMatched, 0, n, false);
        int mask = metaSlots.length - 1;
        byte[] b = req.buffer();
        for (int k = 0; k < n; k++) {
            int m = metaOrder[mFrom + k];
            int off = req.metadataFamilyOffset(m);
            int len = req.metadataFamilyLength(m);
            int slot = SliceHash.hash(b, off, len) & mask;
            boolean duplicateFamily = false;
            int e;
            while ((e = metaSlots[slot]) != 0) {
                int other = metaOrder[mFrom + e - 1];
                if (SliceHash.equal(b, req.metadataFamilyOffset(other), req.metadataFamilyLength(other), b, off, len)) {
                    duplicateFamily = true; // first entry of a family is the one attached; the rest travel alone
                    break;
                }
                slot = (slot + 1) & mask;
            }
            if (!duplicateFamily) {
                metaSlots[slot] = k + 1;
            }
        }
    }

    /** The metadata entry to attach to series {@code s}, or -1. */
    private int metadataFor(int s) {
        byte[] b = req.buffer();
        for (int l = req.labelFirst(s), end = l + req.labelCount(s); l < end; l++) {
            if (SliceHash.equal(b, req.labelNameOffset(l), req.labelNameLength(l), METRIC_NAME, 0, METRIC_NAME.length)) {
                int off = req.labelValueOffset(l);
                int len = req.labelValueLength(l);
                int mask = metaSlots.length - 1;
                int slot = SliceHash.hash(b, off, len) & mask;
                int e;
                while ((e = metaSlots[slot]) != 0) {
                    int m = metaOrder[mFrom + e - 1];
                    if (SliceHash.equal(b, req.metadataFamilyOffset(m), req.metadataFamilyLength(m), b, off, len)) {
                        metaMatched[e - 1] = true;
                        return m;
                    }
                    slot = (slot + 1) & mask;
                }
                return -1;
            }
        }
        return -1;
    }
}
