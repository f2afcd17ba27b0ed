package io.tributary.protocol;

/**
 * Scans a decompressed remote-write request ({@code prometheus.WriteRequest} or
 * {@code io.prometheus.write.v2.Request}) into a {@link ScannedRequest} without copying or allocating.
 *
 * <p>Both the rc.3 layout (TimeSeries.created_timestamp = 6) and the rc.4 layout (Sample.start_timestamp = 3,
 * Histogram.start_timestamp = 17) of RW2 are understood. Unknown fields are skipped as protobuf requires;
 * known fields with the wrong wire type are rejected. Not thread-safe: use one instance per thread.
 */
public final class RemoteWriteScanner {

    private static final int TAG_LEN_1 = (1 << 3) | WireType.LEN;

    // Field numbers the scanner reads, one bit each: such a field with another wire type is malformed.
    private static final int SAMPLE_FIELDS = fields(1, 2, 3);
    private static final int EXEMPLAR_FIELDS = fields(1, 2, 3);
    private static final int RW2_SERIES_FIELDS = fields(1, 2, 3, 4, 5, 6);
    private static final int RW2_METADATA_FIELDS = fields(1, 3, 4);

    private final ProtoReader in = new ProtoReader();

    /** Scans an RW1 {@code prometheus.WriteRequest} held in {@code body[0, length)}. */
    public void scanRw1(byte[] body, int length, ScannedRequest out, ScanListener listener) {
        out.reset(body, false);
        ProtoReader r = in.reset(body, 0, length);
        while (r.hasRemaining()) {
            int fieldStart = r.position();
            int tag = r.readTag();
            switch (WireType.fieldNumber(tag)) {
                case 1 -> {
                    ProtoReader.expectWireType(tag, WireType.LEN, "WriteRequest.timeseries");
                    scanSeriesField(r, out, listener, fieldStart, false);
                }
                case 3 -> {
                    ProtoReader.expectWireType(tag, WireType.LEN, "WriteRequest.metadata");
                    int len = r.readLength();
                    int old = r.pushLimit(len);
                    int m = scanRw1Metadata(r, out.metadata(), fieldStart, r.position() + len);
                    r.popLimit(old);
                    if (!listener.onMetadata(out, m)) {
                        out.metadata().dropLast();
                    }
                }
                default -> r.skipField(tag);
            }
        }
    }

    /** Scans one TimeSeries field whose tag was just read, and lets the listener keep or drop the series. */
    private void scanSeriesField(ProtoReader r, ScannedRequest out, ScanListener listener, int fieldStart,
            boolean rw2) {
        int len = r.readLength();
        int s = out.beginSeries(fieldStart, r.position() + len);
        int old = r.pushLimit(len);
        if (rw2) {
            scanRw2Series(r, out, s);
        } else {
            scanRw1Series(r, out, s);
        }
        r.popLimit(old);
        out.endSeries(s);
        if (!listener.onSeries(out, s)) {
            out.dropLastSeries();
        }
    }

    private void scanRw1Series(ProtoReader r, ScannedRequest out, int s) {
        // The label fields' byte range [labelsStart, labelsEnd), kept only while the labels are contiguous.
        int labelsStart = -1;
        int labelsEnd = -1;
        boolean contiguous = true;
        final byte[] b = r.buffer();
        final LabelColumns labels = out.labels();
        while (r.hasRemaining()) {
            int fieldStart = r.position();
            // Fast path for the common label field: tag 0x0A, length < 128, then name and value fields shorter
            // than 128 bytes that fill the message exactly. Skips the generic tag/length/limit bookkeeping,
            // which costs more than the label itself; anything else falls through to the generic code.
            int lim = r.limit();
            if (lim - fieldStart >= 6 && b[fieldStart] == (byte) 0x0A && b[fieldStart + 2] == (byte) 0x0A) {
                int msgEnd = fieldStart + 2 + b[fieldStart + 1];
                int nameLen = b[fieldStart + 3];
                int valueTag = fieldStart + 4 + nameLen;
                if (b[fieldStart + 1] >= 0 && msgEnd <= lim && nameLen >= 0 && valueTag + 2 <= msgEnd
                        && b[valueTag] == (byte) 0x12 && valueTag + 2 + b[valueTag + 1] == msgEnd
                        && b[valueTag + 1] >= 0) {
                    labels.add(fieldStart + 4, nameLen, valueTag + 2, b[valueTag + 1], -1, -1);
                    if (labelsStart < 0) {
                        labelsStart = fieldStart;
                    } else if (labelsEnd != fieldStart) {
                        contiguous = false;
                    }
                    r.skipBytes(msgEnd - fieldStart);
                    labelsEnd = msgEnd;
                    continue;
                }
            }
            int tag = r.readTag();
            switch (WireType.fieldNumber(tag)) {
                case 1 -> {
                    ProtoReader.expectWireType(tag, WireType.LEN, "TimeSeries.labels");
                    int len = r.readLength();
                    if (labelsStart < 0) {
                        labelsStart = fieldStart;
                    } else if (labelsEnd != fieldStart) {
                        contiguous = false;
                    }
                    int old = r.pushLimit(len);
                    scanRw1Label(r, labels);
                    r.popLimit(old);
                    labelsEnd = r.position();
                }
                case 2 -> {
                    ProtoReader.expectWireType(tag, WireType.LEN, "TimeSeries.samples");
                    int len = r.readLength();
                    int off = r.position();
                    int old = r.pushLimit(len);
                    scanSample(r, out.samples(), off, len);
                    r.popLimit(old);
                }
                case 3 -> {
                    ProtoReader.expectWireType(tag, WireType.LEN, "TimeSeries.exemplars");
                    int len = r.readLength();
                    int old = r.pushLimit(len);
                    scanRw1Exemplar(r, out.exemplars());
                    r.popLimit(old);
                }
                case 4 -> {
                    ProtoReader.expectWireType(tag, WireType.LEN, "TimeSeries.histograms");
                    int len = r.readLength();
                    int off = r.position();
                    int old = r.pushLimit(len);
                    scanHistogram(r, out, off, len, s);
                    r.popLimit(old);
                }
                case 6 -> {
                    ProtoReader.expectWireType(tag, WireType.VARINT, "TimeSeries.created_timestamp");
                    out.setCreated(s, r.readVarint64());
                }
                default -> r.skipField(tag);
            }
        }
        if (labelsStart >= 0 && contiguous) {
            out.setLabelsRaw(s, labelsStart, labelsEnd);
        }
    }

    /** Scans one Label message (series or exemplar label) into {@code labels}. */
    private static void scanRw1Label(ProtoReader r, LabelColumns labels) {
        // Fast path for the layout every encoder writes: name (field 1) then value (field 2), each shorter
        // than 128 bytes, filling the message exactly. Anything else takes the general loop below.
        byte[] b = r.buffer();
        int p = r.position();
        int lim = r.limit();
        if (lim - p >= 4 && b[p] == (byte) 0x0A) {
            int nameLen = b[p + 1];
            int valueTag = p + 2 + nameLen;
            if (nameLen >= 0 && valueTag + 2 <= lim && b[valueTag] == (byte) 0x12) {
                int valueLen = b[valueTag + 1];
                if (valueLen >= 0 && valueTag + 2 + valueLen == lim) {
                    labels.add(p + 2, nameLen, valueTag + 2, valueLen, -1, -1);
                    r.skipBytes(lim - p);
                    return;
                }
            }
        }
        int nameOff = 0;
        int nameLen = 0;
        int valueOff = 0;
        int valueLen = 0;
        while (r.hasRemaining()) {
            int tag = r.readTag();
            int field = WireType.fieldNumber(tag);
            if (field == 1 || field == 2) {
                ProtoReader.expectWireType(tag, WireType.LEN, "Label field " + field);
                int len = r.readLength();
                if (field == 1) {
                    nameOff = r.position();
                    nameLen = len;
                } else {
                    valueOff = r.position();
                    valueLen = len;
                }
                r.skipBytes(len);
            } else {
                r.skipField(tag);
            }
        }
        labels.add(nameOff, nameLen, valueOff, valueLen, -1, -1);
    }

    /**
     * Sample field numbers are the same in RW1 and RW2 (value 1, timestamp 2; rc.4 adds start 3).
     *
     * @return the sample's start timestamp, 0 if unset
     */
    private static long scanSample(ProtoReader r, SampleColumns samples, int off, int len) {
        long bits = 0;
        long ts = 0;
        long start = 0;
        while (r.hasRemaining()) {
            int tag = r.readTag();
            switch (tag) {
                case (1 << 3) | WireType.FIXED64 -> bits = r.readFixed64();
                case (2 << 3) | WireType.VARINT -> ts = r.readVarint64();
                case (3 << 3) | WireType.VARINT -> start = r.readVarint64();
                default -> skipUnknownField(r, tag, "Sample", SAMPLE_FIELDS);
            }
        }
        samples.add(off, len, bits, ts, start);
        return start;
    }

    /** Histogram fields are the same in RW1 and RW2; only timestamps matter here, the rest is copied as bytes. */
    private static void scanHistogram(ProtoReader r, ScannedRequest out, int off, int len, int s) {
        long ts = 0;
        long start = 0;
        while (r.hasRemaining()) {
            int tag = r.readTag();
            int f = WireType.fieldNumber(tag);
            if (f == 15 || f == 17) {
                ProtoReader.expectWireType(tag, WireType.VARINT, "Histogram field " + f);
                long v = r.readVarint64();
                if (f == 15) {
                    ts = v;
                } else {
                    start = v;
                }
            } else {
                r.skipField(tag);
            }
        }
        if (start != 0) {
            out.addSeriesFlags(s, ScannedRequest.FLAG_START_TIMESTAMP);
        }
        out.histograms().add(off, len, ts, start);
    }

    private static void scanRw1Exemplar(ProtoReader r, ExemplarColumns exemplars) {
        int e = exemplars.begin();
        while (r.hasRemaining()) {
            int tag = r.readTag();
            switch (tag) {
                case TAG_LEN_1 -> {
                    int len = r.readLength();
                    int old = r.pushLimit(len);
                    scanRw1Label(r, exemplars.labels());
                    r.popLimit(old);
                }
                case (2 << 3) | WireType.FIXED64 -> exemplars.setValueBits(e, r.readFixed64());
                case (3 << 3) | WireType.VARINT -> exemplars.setTimestamp(e, r.readVarint64());
                default -> skipUnknownField(r, tag, "Exemplar", EXEMPLAR_FIELDS);
            }
        }
        exemplars.end(e);
    }

    private static int scanRw1Metadata(ProtoReader r, MetadataColumns metadata, int rawStart, int rawEnd) {
        int type = 0;
        int famOff = 0;
        int famLen = 0;
        int helpOff = 0;
        int helpLen = 0;
        int unitOff = 0;
        int unitLen = 0;
        while (r.hasRemaining()) {
            int tag = r.readTag();
            int f = WireType.fieldNumber(tag);
            if (f == 1) {
                ProtoReader.expectWireType(tag, WireType.VARINT, "MetricMetadata.type");
                type = r.readVarint32();
            } else if (f == 2 || f == 4 || f == 5) {
                ProtoReader.expectWireType(tag, WireType.LEN, "MetricMetadata field " + f);
                int len = r.readLength();
                int off = r.position();
                r.skipBytes(len);
                if (f == 2) {
                    famOff = off;
                    famLen = len;
                } else if (f == 4) {
                    helpOff = off;
                    helpLen = len;
                } else {
                    unitOff = off;
                    unitLen = len;
                }
            } else {
                r.skipField(tag);
            }
        }
        return metadata.add(rawStart, rawEnd, type, famOff, famLen, helpOff, helpLen, unitOff, unitLen);
    }

    // ======================================================================= RW2

    /**
     * Scans an RW2 {@code io.prometheus.write.v2.Request}. Symbols are collected in a first, cheap pass
     * (series are skipped by length) so that a sender writing them after the series still works.
     *
     * @throws MalformedProtobufException also when {@code symbols[0]} is not the empty string
     */
    public void scanRw2(byte[] body, int length, ScannedRequest out, ScanListener listener) {
        scanRw2(body, 0, length, out, listener, SymbolPrefix.NONE);
    }

    /**
     * As {@link #scanRw2(byte[], int, ScannedRequest, ScanListener)}, for a message in {@code body[from, from +
     * length)} whose symbol refs start with symbols it does not carry itself (Mimir's version-2 records and
     * their common symbols): refs below {@code prefix.size()} resolve through {@code prefix}, whose strings the
     * caller has placed elsewhere in {@code body}; the message's own symbols follow them, and need not start with
     * the empty string.
     */
    public void scanRw2(byte[] body, int from, int length, ScannedRequest out, ScanListener listener,
            SymbolPrefix prefix) {
        out.reset(body, true);
        for (int i = 0; i < prefix.size(); i++) {
            out.addSymbol(prefix.offset(i), prefix.length(i));
        }
        ProtoReader r = in.reset(body, from, length);
        while (r.hasRemaining()) {
            int tag = r.readTag();
            if (WireType.fieldNumber(tag) == 4) {
                ProtoReader.expectWireType(tag, WireType.LEN, "Request.symbols");
                int len = r.readLength();
                out.addSymbol(r.position(), len);
                r.skipBytes(len);
            } else {
                r.skipField(tag);
            }
        }
        if (prefix.size() == 0 && out.symbolCount() > 0 && out.symbolLength(0) != 0) {
            throw new MalformedProtobufException("symbols-first-not-empty",
                    "symbols[0] must be the empty string");
        }
        r.reset(body, from, length);
        while (r.hasRemaining()) {
            int fieldStart = r.position();
            int tag = r.readTag();
            if (WireType.fieldNumber(tag) == 5) {
                ProtoReader.expectWireType(tag, WireType.LEN, "Request.timeseries");
                scanSeriesField(r, out, listener, fieldStart, true);
            } else {
                r.skipField(tag);
            }
        }
    }

    private void scanRw2Series(ProtoReader r, ScannedRequest out, int s) {
        LabelColumns labels = out.labels();
        int refs = 0;
        while (r.hasRemaining()) {
            int tag = r.readTag();
            switch (tag) {
                case (1 << 3) | WireType.LEN -> refs = scanPackedLabelRefs(r, out, labels, s, refs);
                case (1 << 3) | WireType.VARINT -> addLabelRef(out, labels, s, refs++, r.readVarint32());
                case (2 << 3) | WireType.LEN -> {
                    int len = r.readLength();
                    int off = r.position();
                    int old = r.pushLimit(len);
                    long start = scanSample(r, out.samples(), off, len);
                    r.popLimit(old);
                    if (start != 0) {
                        out.addSeriesFlags(s, ScannedRequest.FLAG_START_TIMESTAMP);
                    }
                }
                case (3 << 3) | WireType.LEN -> {
                    int len = r.readLength();
                    int off = r.position();
                    int old = r.pushLimit(len);
                    scanHistogram(r, out, off, len, s);
                    r.popLimit(old);
                }
                case (4 << 3) | WireType.LEN -> {
                    int len = r.readLength();
                    int old = r.pushLimit(len);
                    scanRw2Exemplar(r, out, s);
                    r.popLimit(old);
                }
                case (5 << 3) | WireType.LEN -> {
                    int len = r.readLength();
                    int old = r.pushLimit(len);
                    scanRw2Metadata(r, out, s);
                    r.popLimit(old);
                }
                case (6 << 3) | WireType.VARINT -> out.setCreated(s, r.readVarint64());
                default -> skipUnknownField(r, tag, "TimeSeries", RW2_SERIES_FIELDS);
            }
        }
        if ((refs & 1) != 0) {
            out.addSeriesFlags(s, ScannedRequest.FLAG_ODD_LABEL_REFS);
        }
    }

    /**
     * Reads a packed labels_refs field (series or exemplar) into {@code labels}.
     *
     * @param refs how many refs of this labels_refs list were read before
     * @return how many have been read now
     */
    private static int scanPackedLabelRefs(ProtoReader r, ScannedRequest out, LabelColumns labels, int s, int refs) {
        int len = r.readLength();
        int old = r.pushLimit(len);
        while (r.hasRemaining()) {
            addLabelRef(out, labels, s, refs++, r.readVarint32());
        }
        r.popLimit(old);
        return refs;
    }

    /** Refs alternate name, value: an even position starts a label, an odd one completes it. */
    private static void addLabelRef(ScannedRequest out, LabelColumns labels, int s, int position, int ref) {
        int off = 0;
        int len = 0;
        if (!out.isSymbol(ref)) {
            out.addSeriesFlags(s, ScannedRequest.FLAG_BAD_SYMBOL_REF);
            ref = 0; // keep scanning; the series is rejected by validation
        } else {
            off = out.symbolOffset(ref);
            len = out.symbolLength(ref);
        }
        if ((position & 1) == 0) {
            labels.add(off, len, 0, 0, ref, 0);
        } else {
            labels.setLastValue(off, len, ref);
        }
    }

    private static void scanRw2Exemplar(ProtoReader r, ScannedRequest out, int s) {
        ExemplarColumns exemplars = out.exemplars();
        LabelColumns labels = exemplars.labels();
        int e = exemplars.begin();
        int refs = 0;
        while (r.hasRemaining()) {
            int tag = r.readTag();
            switch (tag) {
                case (1 << 3) | WireType.LEN -> refs = scanPackedLabelRefs(r, out, labels, s, refs);
                case (1 << 3) | WireType.VARINT -> addLabelRef(out, labels, s, refs++, r.readVarint32());
                case (2 << 3) | WireType.FIXED64 -> exemplars.setValueBits(e, r.readFixed64());
                case (3 << 3) | WireType.VARINT -> exemplars.setTimestamp(e, r.readVarint64());
                default -> skipUnknownField(r, tag, "Exemplar", EXEMPLAR_FIELDS);
            }
        }
        if ((refs & 1) != 0) {
            out.addSeriesFlags(s, ScannedRequest.FLAG_ODD_LABEL_REFS);
        }
        exemplars.end(e);
    }

    private static void scanRw2Metadata(ProtoReader r, ScannedRequest out, int s) {
        int type = 0;
        int help = 0;
        int unit = 0;
        while (r.hasRemaining()) {
            int tag = r.readTag();
            switch (tag) {
                case (1 << 3) | WireType.VARINT -> type = r.readVarint32();
                case (3 << 3) | WireType.VARINT -> help = r.readVarint32();
                case (4 << 3) | WireType.VARINT -> unit = r.readVarint32();
                default -> skipUnknownField(r, tag, "Metadata", RW2_METADATA_FIELDS);
            }
        }
        if (!out.isSymbol(help) || !out.isSymbol(unit)) {
            out.addSeriesFlags(s, ScannedRequest.FLAG_BAD_SYMBOL_REF);
            return;
        }
        out.setSeriesMetadata(s, type, out.symbolOffset(help), out.symbolLength(help),
                out.symbolOffset(unit), out.symbolLength(unit));
    }

    /**
     * Skips a field the scanner does not read. A known field number lands here only when its wire type is not
     * the expected one, which is an error rather than an unknown field.
     */
    private static void skipUnknownField(ProtoReader r, int tag, String message, int knownFields) {
        int f = WireType.fieldNumber(tag);
        if (f < 32 && (knownFields & (1 << f)) != 0) {
            throw new MalformedProtobufException("invalid-wire-type",
                    message + " field " + f + " has wire type " + WireType.wireType(tag));
        }
        r.skipField(tag);
    }

    private static int fields(int... numbers) {
        int mask = 0;
        for (int n : numbers) {
            mask |= 1 << n;
        }
        return mask;
    }
}
