package io.tributary.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Scans Mimir ingest-storage record values (versions 0, 1 and 2) into a reused {@link ScannedRequest}: the
 * partition readers' hot path. Like the write path's scanner it creates no object per series, label or sample
 * ({@link RecordDecoder} builds a tree of objects, which is fine for tests and tools but not per sample).
 *
 * <p>Versions 0 and 1 hold a remote-write 1.0 {@code WriteRequest} plus Mimir's own fields (source,
 * skip-label-validation), which are skipped here. Version 2 numbers its symbols after the
 * {@value CommonSymbols#OFFSET} refs of {@link CommonSymbols}: the value is copied behind those strings into one
 * buffer, so every label is still an offset and length into {@link ScannedRequest#buffer()}.
 *
 * <p>A value is scanned completely before it is returned, so a malformed one fails before any of it is
 * stored. Not thread safe: one instance per reader thread.
 */
public final class MimirRecordScanner {
    /** Common symbols in a row; version-2 values are copied right after them. */
    private static final byte[] COMMON_SYMBOL_BYTES;
    private static final SymbolPrefix COMMON_SYMBOLS;

    static {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int[] offsets = new int[CommonSymbols.OFFSET];
        int[] lengths = new int[CommonSymbols.OFFSET];
        for (int ref = 0; ref < CommonSymbols.OFFSET; ref++) {
            if (ref < CommonSymbols.SYMBOLS.size()) {
                byte[] symbol = CommonSymbols.SYMBOLS.get(ref).getBytes(StandardCharsets.UTF_8);
                offsets[ref] = bytes.size();
                lengths[ref] = symbol.length;
                bytes.writeBytes(symbol);
            } else {
                lengths[ref] = -1; // refs between the table's end and OFFSET name nothing
            }
        }
        COMMON_SYMBOL_BYTES = bytes.toByteArray();
        COMMON_SYMBOLS = new SymbolPrefix(offsets, lengths);
    }

    /** Keeps every series; a series with a broken symbol ref makes the whole record malformed. */
    private static final ScanListener REJECT_BROKEN_REFS = new ScanListener() {
        @Override
        public boolean onSeries(ScannedRequest request, int s) {
            int flags = request.seriesFlags(s);
            if ((flags & ScannedRequest.FLAG_BAD_SYMBOL_REF) != 0) {
                throw new MalformedProtobufException("symbol-ref-out-of-range",
                        "series " + s + " refers to a symbol the record does not have");
            }
            if ((flags & ScannedRequest.FLAG_ODD_LABEL_REFS) != 0) {
                throw new MalformedProtobufException("odd-labels-refs",
                        "series " + s + " has an odd number of label refs");
            }
            return true;
        }

        @Override
        public boolean onMetadata(ScannedRequest request, int m) {
            return true;
        }
    };

    /** A buffer that grew beyond this for one huge record is not kept for the next one. */
    private static final int RETAINED_BUFFER_BYTES = 4 << 20;

    private final RemoteWriteScanner scanner = new RemoteWriteScanner();
    private ScannedRequest scanned = new ScannedRequest();
    private byte[] v2Buffer = COMMON_SYMBOL_BYTES.clone();

    /**
     * Scans {@code value}. The result, and the buffer it points into, are valid until the next call.
     *
     * @throws MalformedProtobufException when the value is not a record of that version
     */
    public ScannedRequest scan(byte[] value, RecordVersion version) {
        if (scanned.retainedEstimate() > RETAINED_BUFFER_BYTES) {
            scanned = new ScannedRequest();
        }
        if (version == RecordVersion.V2) {
            int need = COMMON_SYMBOL_BYTES.length + value.length;
            if (v2Buffer.length < need || v2Buffer.length > Math.max(need, RETAINED_BUFFER_BYTES)) {
                v2Buffer = new byte[Math.max(need, Math.min(2 * v2Buffer.length, RETAINED_BUFFER_BYTES))];
                System.arraycopy(COMMON_SYMBOL_BYTES, 0, v2Buffer, 0, COMMON_SYMBOL_BYTES.length);
            }
            System.arraycopy(value, 0, v2Buffer, COMMON_SYMBOL_BYTES.length, value.length);
            scanner.scanRw2(v2Buffer, COMMON_SYMBOL_BYTES.length, value.length, scanned, REJECT_BROKEN_REFS,
                    COMMON_SYMBOLS);
        } else {
            scanner.scanRw1(value, value.length, scanned, REJECT_BROKEN_REFS);
        }
        return scanned;
    }
}
