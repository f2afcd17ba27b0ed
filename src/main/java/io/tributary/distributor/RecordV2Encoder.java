package io.tributary.distributor;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.tributary.protocol.ExemplarColumns;
import io.tributary.protocol.HistogramColumns;
import io.tributary.protocol.LabelColumns;
import io.tributary.protocol.MetadataColumns;
import io.tributary.protocol.ProtoWriter;
import io.tributary.protocol.SampleColumns;
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
        MetadataColumns metadata = req.metadata();
        int nRefs;
        int exRefCount = 0;
        if (s >= 0) {
            nRefs = req.labelCount(s) * 2;
            if (refs.length < nRefs) {
                refs = new int[nRefs * 2];
            }
            addRefs(req.labels(), req.labelFirst(s), req.labelCount(s), refs, 0);
            ExemplarColumns exemplars = req.exemplars();
            for (int e = req.exemplarFirst(s), end = e + req.exemplarCount(s); e < end; e++) {
                int n = exemplars.labelCount(e) * 2;
                if (exRefs.length < exRefCount + n) {
                    exRefs = Arrays.copyOf(exRefs, Math.max(exRefs.length * 2, exRefCount + n));
                }
                exRefCount = addRefs(exemplars.labels(), exemplars.labelFirst(e), exemplars.labelCount(e), exRefs,
                        exRefCount);
            }
        } else {
            nRefs = 2;
            refs[0] = METRIC_NAME_REF;
            refs[1] = symbols.ref(metadata.familyOffset(meta), metadata.familyLength(meta));
        }
        int metaType = 0;
        int helpRef = 0;
        int unitRef = 0;
        if (meta >= 0) {
            metaType = metadata.type(meta);
            helpRef = symbols.ref(metadata.helpOffset(meta), metadata.helpLength(meta));
            unitRef = symbols.ref(metadata.unitOffset(meta), metadata.unitLength(meta));
        }

        // Sizes first, so every length prefix is written once, in place.
        int labelsPacked = packedSize(refs, 0, nRefs);
        int size = nRefs > 0 ? ProtoWriter.lenFieldSize(1, labelsPacked) : 0;
        long created = 0;
        SampleColumns samples = req.samples();
        HistogramColumns histograms = req.histograms();
        ExemplarColumns exemplars = req.exemplars();
        if (s >= 0) {
            for (int i = req.sampleFirst(s), end = i + req.sampleCount(s); i < end; i++) {
                size += ProtoWriter.lenFieldSize(2, samplePayloadSize(samples, i));
            }
            for (int i = req.histogramFirst(s), end = i + req.histogramCount(s); i < end; i++) {
                size += ProtoWriter.lenFieldSize(3, histogramPayloadSize(b, histograms, i));
            }
            int x = 0;
            for (int e = req.exemplarFirst(s), end = e + req.exemplarCount(s); e < end; e++) {
                int n = exemplars.labelCount(e) * 2;
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
                writeSample(w, 2, b, samples, i, samplePayloadSize(samples, i));
            }
            for (int i = req.histogramFirst(s), end = i + req.histogramCount(s); i < end; i++) {
                writeHistogram(w, 3, b, histograms, i, histogramPayloadSize(b, histograms, i));
            }
            int x = 0;
            for (int e = req.exemplarFirst(s), end = e + req.exemplarCount(s); e < end; e++) {
                int n = exemplars.labelCount(e) * 2;
                w.writeTag(4, WireType.LEN);
                w.writeVarint(exemplarPayloadSize(e, x, n));
                if (n > 0) {
                    w.writeTag(1, WireType.LEN);
                    w.writeVarint(packedSize(exRefs, x, n));
                    for (int j = x; j < x + n; j++) {
                        w.writeVarint(exRefs[j]);
                    }
                }
                writeExemplarValueAndTimestamp(w, exemplars, e);
                x += n;
            }
        }
        if (meta >= 0) {
            w.writeTag(5, WireType.LEN);
            w.writeVarint(metaPayload);
            writeVarintField(w, 1, metaType);
            writeVarintField(w, 3, helpRef);
            writeVarintField(w, 4, unitRef);
        }
        writeVarintField(w, 6, created);
    }

    /** Writes the name and value refs of {@code count} labels into {@code into} from {@code at}; returns the end. */
    private int addRefs(LabelColumns labels, int first, int count, int[] into, int at) {
        for (int l = first, end = first + count; l < end; l++) {
            into[at++] = symbols.ref(labels.nameOffset(l), labels.nameLength(l), labels.nameSymbol(l));
            into[at++] = symbols.ref(labels.valueOffset(l), labels.valueLength(l), labels.valueSymbol(l));
        }
        return at;
    }

    private int exemplarPayloadSize(int e, int refFrom, int refCount) {
        int size = refCount > 0 ? ProtoWriter.lenFieldSize(1, packedSize(exRefs, refFrom, refCount)) : 0;
        return size + exemplarValueAndTimestampSize(req.exemplars(), e);
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
        MetadataColumns metadata = req.metadata();
        for (int k = 0; k < n; k++) {
            int m = metaOrder[mFrom + k];
            int off = metadata.familyOffset(m);
            int len = metadata.familyLength(m);
            int slot = SliceHash.hash(b, off, len) & mask;
            boolean duplicateFamily = false;
            int e;
            while ((e = metaSlots[slot]) != 0) {
                int other = metaOrder[mFrom + e - 1];
                if (SliceHash.equal(b, metadata.familyOffset(other), metadata.familyLength(other), b, off, len)) {
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
        LabelColumns labels = req.labels();
        MetadataColumns metadata = req.metadata();
        for (int l = req.labelFirst(s), end = l + req.labelCount(s); l < end; l++) {
            if (SliceHash.equal(b, labels.nameOffset(l), labels.nameLength(l), METRIC_NAME, 0, METRIC_NAME.length)) {
                int off = labels.valueOffset(l);
                int len = labels.valueLength(l);
                int mask = metaSlots.length - 1;
                int slot = SliceHash.hash(b, off, len) & mask;
                int e;
                while ((e = metaSlots[slot]) != 0) {
                    int m = metaOrder[mFrom + e - 1];
                    if (SliceHash.equal(b, metadata.familyOffset(m), metadata.familyLength(m), b, off, len)) {
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
