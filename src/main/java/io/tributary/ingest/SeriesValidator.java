package io.tributary.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.tributary.distributor.SeriesToken;
import io.tributary.protocol.HistogramColumns;
import io.tributary.storage.HistogramMessageDecoder;
import io.tributary.storage.InvalidHistogramException;
import io.tributary.protocol.LabelColumns;
import io.tributary.protocol.MetadataColumns;
import io.tributary.protocol.SampleColumns;
import io.tributary.protocol.ScanListener;
import io.tributary.protocol.ScannedRequest;
import io.tributary.protocol.SliceHash;

/**
 * Validates each series right after the scanner decoded it (same pass, bytes still in cache), drops invalid
 * series and out-of-bounds samples, derives metadata entries from RW2 series, and drops duplicate metadata.
 *
 * <p>Keeps the per-request tallies that become a {@link ProcessedWrite}. Not thread-safe: one per thread,
 * {@link #begin(long)} before each request.
 */
final class SeriesValidator implements ScanListener {

    private static final byte[] METRIC_NAME = "__name__".getBytes(StandardCharsets.UTF_8);
    private static final int MAX_SERIES_TEXT = 512;
    private static final boolean[] NAME_START = new boolean[256];
    private static final boolean[] NAME_PART = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) {
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            NAME_START[c] = letter;
            NAME_PART[c] = letter || (c >= '0' && c <= '9');
        }
    }

    private final ValidationLimits limits;
    private final LabelSetCache labelSets; // null: no caching
    private int tenantSeed;
    private final long futureGraceMillis;
    private final long pastGraceMillis;

    private long maxTimestamp;
    private long minTimestamp;
    private final int[] reasonCounts = new int[RejectReason.values().length];
    private String firstRejection;
    int acceptedSamples;
    int acceptedHistograms;
    int acceptedExemplars;
    int rejectedSeries;
    int rejectedSamples;
    int rejectedHistograms;
    int rejectedExemplars;

    // Metadata de-duplication: open addressing over metadata pool indices (+1), 0 = empty.
    private int[] metaSlots = new int[64];
    private int[] metaHashes = new int[32];
    private int metaEntries;

    SeriesValidator(ValidationLimits limits) {
        this(limits, null);
    }

    /**
     * @param labelSets shared cache of label sets that passed these limits, with their tokens; may be null
     */
    SeriesValidator(ValidationLimits limits, LabelSetCache labelSets) {
        this.limits = limits;
        this.labelSets = labelSets;
        this.futureGraceMillis = limits.creationGracePeriod().toMillis();
        this.pastGraceMillis = limits.pastGracePeriod().toMillis();
    }

    void begin(long nowMillis) {
        begin(nowMillis, SeriesToken.OFFSET_BASIS);
    }

    /** @param tenantSeed {@link SeriesToken#seed(byte[])} of the tenant, for the tokens of accepted series */
    void begin(long nowMillis, int tenantSeed) {
        this.tenantSeed = tenantSeed;
        maxTimestamp = saturatedAdd(nowMillis, futureGraceMillis);
        minTimestamp = pastGraceMillis > 0 ? nowMillis - pastGraceMillis : Long.MIN_VALUE;
        Arrays.fill(reasonCounts, 0);
        firstRejection = null;
        acceptedSamples = 0;
        acceptedHistograms = 0;
        acceptedExemplars = 0;
        rejectedSeries = 0;
        rejectedSamples = 0;
        rejectedHistograms = 0;
        rejectedExemplars = 0;
        if (metaEntries > 0) {
            Arrays.fill(metaSlots, 0);
            metaEntries = 0;
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    Map<String, Integer> rejectionsByReason() {
        Map<String, Integer> map = new LinkedHashMap<>();
        RejectReason[] reasons = RejectReason.values();
        for (int i = 0; i < reasons.length; i++) {
            if (reasonCounts[i] > 0) {
                map.put(reasons[i].id(), reasonCounts[i]);
            }
        }
        return map;
    }

    String firstRejection() {
        return firstRejection;
    }

    // ------------------------------------------------------------------ series

    @Override
    public boolean onSeries(ScannedRequest req, int s) {
        int flags = req.seriesFlags(s);
        // RW1 label sets seen before (by the exact bytes) were valid and have a known token: skip the label checks.
        // The key is only set for RW1, whose series carry no metadata, so nameLabel is not needed on this path.
        int rawStart = req.labelsRawStart(s);
        long keyHash = 0;
        boolean cacheable = false;
        if (labelSets != null && rawStart >= 0) {
            int rawLen = req.labelsRawEnd(s) - rawStart;
            if (rawLen <= LabelSetCache.MAX_KEY_BYTES) {
                keyHash = LabelSetCache.hash(req.buffer(), rawStart, rawLen);
                long token = labelSets.lookup(tenantSeed, req.buffer(), rawStart, rawLen, keyHash);
                if (token != LabelSetCache.MISS) {
                    req.setSeriesToken(s, (int) token, tenantSeed);
                    return acceptSamples(req, s, flags, -1);
                }
                cacheable = true;
            }
        }
        int nameLabel = -1;
        RejectReason reason = null;
        String detail = null;
        if ((flags & ScannedRequest.FLAG_BAD_SYMBOL_REF) != 0) {
            reason = RejectReason.INVALID_SYMBOL_REF;
        } else if ((flags & ScannedRequest.FLAG_ODD_LABEL_REFS) != 0) {
            reason = RejectReason.ODD_LABELS_REFS;
        } else if (req.labelCount(s) > limits.maxLabelNamesPerSeries()) {
            reason = RejectReason.MAX_LABEL_NAMES_PER_SERIES;
            detail = "limit: " + limits.maxLabelNamesPerSeries() + " labels: " + req.labelCount(s);
        } else {
            byte[] b = req.buffer();
            LabelColumns labels = req.labels();
            boolean checkSyntax = !req.isRw2(); // RW2 allows any UTF-8 label name
            int prevOff = 0;
            int prevLen = -1;
            for (int l = req.labelFirst(s), end = l + req.labelCount(s); l < end; l++) {
                int off = labels.nameOffset(l);
                int len = labels.nameLength(l);
                if (len == 0 || (checkSyntax && !validLegacyName(b, off, len))) {
                    reason = RejectReason.INVALID_LABEL;
                    detail = "label: '" + text(b, off, len) + "'";
                    break;
                }
                if (len > limits.maxLabelNameLength()) {
                    reason = RejectReason.LABEL_NAME_TOO_LONG;
                    detail = "label: '" + text(b, off, Math.min(len, 64)) + "...' limit: " + limits.maxLabelNameLength();
                    break;
                }
                int valueLen = labels.valueLength(l);
                if (valueLen == 0) {
                    reason = RejectReason.EMPTY_LABEL_VALUE;
                    detail = "label: '" + text(b, off, len) + "'";
                    break;
                }
                if (valueLen > limits.maxLabelValueLength()) {
                    reason = RejectReason.LABEL_VALUE_TOO_LONG;
                    detail = "label: '" + text(b, off, len) + "' value length: " + valueLen + " limit: "
                            + limits.maxLabelValueLength();
                    break;
                }
                if (prevLen >= 0) {
                    int cmp = Arrays.compareUnsigned(b, prevOff, prevOff + prevLen, b, off, off + len);
                    if (cmp == 0) {
                        reason = RejectReason.DUPLICATE_LABEL_NAMES;
                        detail = "label: '" + text(b, off, len) + "'";
                        break;
                    }
                    if (cmp > 0) {
                        reason = RejectReason.LABELS_NOT_SORTED;
                        detail = "label '" + text(b, off, len) + "' after '" + text(b, prevOff, prevLen) + "'";
                        break;
                    }
                }
                if (len == METRIC_NAME.length && Arrays.equals(b, off, off + len, METRIC_NAME, 0, len)) {
                    nameLabel = l;
                }
                prevOff = off;
                prevLen = len;
            }
            if (reason == null && nameLabel < 0) {
                reason = RejectReason.MISSING_METRIC_NAME;
            }
            if (reason == null && req.isRw2() && req.sampleCount(s) == 0 && req.histogramCount(s) == 0) {
                reason = RejectReason.SERIES_WITHOUT_SAMPLES;
            }
        }
        if (reason != null) {
            rejectSeries(req, s, reason, detail);
            return false;
        }
        if (cacheable) {
            int token = SeriesToken.ofSeries(tenantSeed, req, s);
            labelSets.put(tenantSeed, req.buffer(), rawStart, req.labelsRawEnd(s) - rawStart, keyHash, token);
            req.setSeriesToken(s, token, tenantSeed);
        }
        return acceptSamples(req, s, flags, nameLabel);
    }

    /** The checks after the labels: timestamps, tallies, RW2 metadata. */
    private boolean acceptSamples(ScannedRequest req, int s, int flags, int nameLabel) {
        if (!filterTimestamps(req, s)) {
            return false;
        }
        acceptedSamples += req.sampleCount(s);
        acceptedHistograms += req.histogramCount(s);
        acceptedExemplars += req.exemplarCount(s);
        if ((flags & ScannedRequest.FLAG_HAS_METADATA) != 0) {
            addSeriesMetadata(req, s, nameLabel);
        }
        return true;
    }

    private static boolean validLegacyName(byte[] b, int off, int len) {
        if (!NAME_START[b[off] & 0xff]) {
            return false;
        }
        for (int i = off + 1, end = off + len; i < end; i++) {
            if (!NAME_PART[b[i] & 0xff]) {
                return false;
            }
        }
        return true;
    }

    /** Drops out-of-bounds samples/histograms; returns false when nothing is left and the series goes. */
    private boolean filterTimestamps(ScannedRequest req, int s) {
        int before = req.sampleCount(s) + req.histogramCount(s);
        SampleColumns samples = req.samples();
        for (int i = req.sampleFirst(s); i < req.sampleFirst(s) + req.sampleCount(s); ) {
            RejectReason r = timestampReason(samples.timestamp(i));
            if (r == null) {
                i++;
                continue;
            }
            noteRejection(req, s, r, "timestamp: " + samples.timestamp(i));
            rejectedSamples++;
            req.removeSampleOfLastSeries(i);
        }
        HistogramColumns histograms = req.histograms();
        for (int i = req.histogramFirst(s); i < req.histogramFirst(s) + req.histogramCount(s); ) {
            RejectReason r = timestampReason(histograms.timestamp(i));
            String detail = "timestamp: " + histograms.timestamp(i);
            if (r == null) {
                detail = histogramProblem(req.buffer(), histograms.offset(i), histograms.length(i));
                r = detail == null ? null : RejectReason.INVALID_NATIVE_HISTOGRAM;
            }
            if (r == null) {
                i++;
                continue;
            }
            noteRejection(req, s, r, detail);
            rejectedHistograms++;
            req.removeHistogramOfLastSeries(i);
        }
        if (before > 0 && req.sampleCount(s) + req.histogramCount(s) == 0) {
            rejectedSeries++;
            rejectedExemplars += req.exemplarCount(s);
            return false;
        }
        return true;
    }

    /**
     * Why a native histogram could not be stored, or null. Checked here, before Kafka, because the ingester
     * would otherwise drop an acknowledged histogram that a block cannot hold (spans that do not match the
     * buckets, mixed integer and float counts, an unknown schema).
     */
    private static String histogramProblem(byte[] buf, int offset, int length) {
        try {
            HistogramMessageDecoder.decode(buf, offset, length);
            return null;
        } catch (InvalidHistogramException e) {
            return e.getMessage();
        }
    }

    private RejectReason timestampReason(long ts) {
        if (ts > maxTimestamp) {
            return RejectReason.TOO_FAR_IN_FUTURE;
        }
        if (ts < minTimestamp) {
            return RejectReason.TOO_FAR_IN_PAST;
        }
        return null;
    }

    private void rejectSeries(ScannedRequest req, int s, RejectReason reason, String detail) {
        rejectedSeries++;
        rejectedSamples += req.sampleCount(s);
        rejectedHistograms += req.histogramCount(s);
        rejectedExemplars += req.exemplarCount(s);
        noteRejection(req, s, reason, detail);
    }

    private void noteRejection(ScannedRequest req, int s, RejectReason reason, String detail) {
        reasonCounts[reason.ordinal()]++;
        if (firstRejection == null) {
            // Only the first message is built: it allocates, and a bad request may reject thousands of series.
            firstRejection = reason.description() + (detail == null ? "" : ", " + detail) + ", series: '"
                    + seriesText(req, s) + "' (err-tributary-" + reason.id() + ")";
        }
    }

    /** Renders {@code name{a="b", c="d"}} from the raw bytes, for error messages only. */
    static String seriesText(ScannedRequest req, int s) {
        byte[] b = req.buffer();
        LabelColumns labels = req.labels();
        StringBuilder name = new StringBuilder();
        StringBuilder rest = new StringBuilder();
        for (int l = req.labelFirst(s), end = l + req.labelCount(s); l < end; l++) {
            String n = text(b, labels.nameOffset(l), labels.nameLength(l));
            String v = text(b, labels.valueOffset(l), Math.min(labels.valueLength(l), 128));
            if (n.equals("__name__") && name.length() == 0) {
                name.append(v);
            } else {
                if (rest.length() > 0) {
                    rest.append(", ");
                }
                rest.append(n).append("=\"").append(v).append('"');
            }
            if (name.length() + rest.length() > MAX_SERIES_TEXT) {
                rest.append("...");
                break;
            }
        }
        return name + "{" + rest + "}";
    }

    private static String text(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ metadata

    @Override
    public boolean onMetadata(ScannedRequest req, int m) {
        if (req.metadata().familyLength(m) == 0) {
            reasonCounts[RejectReason.METADATA_MISSING_METRIC_NAME.ordinal()]++;
            if (firstRejection == null) {
                firstRejection = RejectReason.METADATA_MISSING_METRIC_NAME.description()
                        + " (err-tributary-" + RejectReason.METADATA_MISSING_METRIC_NAME.id() + ")";
            }
            return false;
        }
        return isNewMetadata(req.buffer(), req.metadata(), m);
    }

    /** RW2 carries metadata per series; records carry it per family, keyed by the series' metric name. */
    private void addSeriesMetadata(ScannedRequest req, int s, int nameLabel) {
        int type = req.metadataType(s);
        if (type == 0 && req.metadataHelpLength(s) == 0 && req.metadataUnitLength(s) == 0) {
            return; // nothing to say about the family
        }
        MetadataColumns metadata = req.metadata();
        LabelColumns labels = req.labels();
        int m = metadata.add(-1, -1, type, labels.valueOffset(nameLabel), labels.valueLength(nameLabel),
                req.metadataHelpOffset(s), req.metadataHelpLength(s), req.metadataUnitOffset(s),
                req.metadataUnitLength(s));
        if (!isNewMetadata(req.buffer(), metadata, m)) {
            metadata.dropLast();
        }
    }

    private boolean isNewMetadata(byte[] b, MetadataColumns metadata, int m) {
        int h = metadata.type(m);
        h = h * 31 + SliceHash.hash(b, metadata.familyOffset(m), metadata.familyLength(m));
        h = h * 31 + SliceHash.hash(b, metadata.helpOffset(m), metadata.helpLength(m));
        h = h * 31 + SliceHash.hash(b, metadata.unitOffset(m), metadata.unitLength(m));
        int mask = metaSlots.length - 1;
        int slot = h & mask;
        int e;
        while ((e = metaSlots[slot]) != 0) {
            int o = e - 1;
            if (metaHashes[o] == h && sameMetadata(b, metadata, o, m)) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        if (metaHashes.length <= m) {
            metaHashes = Arrays.copyOf(metaHashes, Math.max(m + 1, metaHashes.length * 2));
        }
        metaHashes[m] = h;
        metaSlots[slot] = m + 1;
        metaEntries++;
        if (metaEntries * 2 > metaSlots.length) {
            rehashMetadata(metadata.size());
        }
        return true;
    }

    private void rehashMetadata(int count) {
        metaSlots = new int[metaSlots.length * 2];
        int mask = metaSlots.length - 1;
        for (int m = 0; m < count; m++) {
            int slot = metaHashes[m] & mask;
            while (metaSlots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            metaSlots[slot] = m + 1;
        }
    }

    private static boolean sameMetadata(byte[] buf, MetadataColumns metadata, int a, int b) {
        return metadata.type(a) == metadata.type(b)
                && SliceHash.equal(buf, metadata.familyOffset(a), metadata.familyLength(a),
                        buf, metadata.familyOffset(b), metadata.familyLength(b))
                && SliceHash.equal(buf, metadata.helpOffset(a), metadata.helpLength(a),
                        buf, metadata.helpOffset(b), metadata.helpLength(b))
                && SliceHash.equal(buf, metadata.unitOffset(a), metadata.unitLength(a),
                        buf, metadata.unitOffset(b), metadata.unitLength(b));
    }
}
