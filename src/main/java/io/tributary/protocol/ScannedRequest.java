package io.tributary.protocol;

import java.util.Arrays;

/**
 * The result of scanning one decompressed remote-write request: offsets into the request bytes kept in
 * reusable parallel int/long arrays, so that decoding allocates nothing per series, label or sample.
 *
 * <p>Strings are never materialised: a label is four ints (name offset/length, value offset/length) into
 * {@link #buffer()}. Series, labels, samples, histograms, exemplars and exemplar labels each live in their
 * own pool; a series refers to a contiguous slice of each pool. One instance is reused per thread.
 */
public final class ScannedRequest {

    /** Some samples or histograms were removed after scanning, so the original bytes cannot be forwarded. */
    public static final int FLAG_MODIFIED = 1;
    /** A symbol ref of the series (labels, exemplars or metadata) is outside the symbols table. */
    public static final int FLAG_BAD_SYMBOL_REF = 2;
    /** The labels_refs list has an odd number of entries. */
    public static final int FLAG_ODD_LABEL_REFS = 4;
    /** The series carries RW2 metadata. */
    public static final int FLAG_HAS_METADATA = 8;
    /** A sample or histogram carries an rc.4 start timestamp, which the records carry per series instead. */
    public static final int FLAG_START_TIMESTAMP = 16;
    /** {@link #seriesToken(int)} holds the series' routing token, computed with {@link #tokenSeed()}. */
    public static final int FLAG_TOKEN = 32;

    private byte[] buf;
    private boolean rw2;

    // series pool
    private int seriesCount;
    private int[] sRawStart = new int[64];
    private int[] sRawEnd = new int[64];
    private int[] sFlags = new int[64];
    private int[] sLabelFirst = new int[64];
    private int[] sLabelCount = new int[64];
    private int[] sSampleFirst = new int[64];
    private int[] sSampleCount = new int[64];
    private int[] sHistFirst = new int[64];
    private int[] sHistCount = new int[64];
    private int[] sExFirst = new int[64];
    private int[] sExCount = new int[64];
    private long[] sCreated = new long[64];
    private int[] sMetaType = new int[64];
    private int[] sMetaHelpOff = new int[64];
    private int[] sMetaHelpLen = new int[64];
    private int[] sMetaUnitOff = new int[64];
    private int[] sMetaUnitLen = new int[64];
    private int[] sLabelsRawStart = new int[64];
    private int[] sLabelsRawEnd = new int[64];
    private int[] sToken = new int[64];
    private int tokenSeed;

    // label pool (series labels)
    private int labelCount;
    private int[] lNameOff = new int[512];
    private int[] lNameLen = new int[512];
    private int[] lValueOff = new int[512];
    private int[] lValueLen = new int[512];
    private int[] lNameSym = new int[512];
    private int[] lValueSym = new int[512];

    // sample pool
    private int sampleCount;
    private int[] smpOff = new int[64];
    private int[] smpLen = new int[64];
    private long[] smpTs = new long[64];
    private long[] smpStart = new long[64];
    private long[] smpBits = new long[64];

    // histogram pool
    private int histCount;
    private int[] hOff = new int[16];
    private int[] hLen = new int[16];
    private long[] hTs = new long[16];
    private long[] hStart = new long[16];

    // exemplar pool
    private int exCount;
    private long[] exBits = new long[16];
    private long[] exTs = new long[16];
    private int[] exLabelFirst = new int[16];
    private int[] exLabelCount = new int[16];

    // exemplar label pool
    private int exLabelTotal;
    private int[] xlNameOff = new int[16];
    private int[] xlNameLen = new int[16];
    private int[] xlValueOff = new int[16];
    private int[] xlValueLen = new int[16];
    private int[] xlNameSym = new int[16];
    private int[] xlValueSym = new int[16];

    // metadata pool (RW1 top-level entries, or entries derived from RW2 series metadata)
    private int metaCount;
    private int[] mRawStart = new int[16];
    private int[] mRawEnd = new int[16];
    private int[] mType = new int[16];
    private int[] mFamOff = new int[16];
    private int[] mFamLen = new int[16];
    private int[] mHelpOff = new int[16];
    private int[] mHelpLen = new int[16];
    private int[] mUnitOff = new int[16];
    private int[] mUnitLen = new int[16];

    // RW2 symbols
    private int symbolCount;
    private int[] symOff = new int[256];
    private int[] symLen = new int[256];

    /** Clears all pools and points at new request bytes. */
    public void reset(byte[] buffer, boolean isRw2) {
        this.buf = buffer;
        this.rw2 = isRw2;
        seriesCount = 0;
        labelCount = 0;
        sampleCount = 0;
        histCount = 0;
        exCount = 0;
        exLabelTotal = 0;
        metaCount = 0;
        symbolCount = 0;
    }

    public byte[] buffer() {
        return buf;
    }

    /** Whether the scanned request was a remote-write 2.0 request (labels came from a symbols table). */
    public boolean isRw2() {
        return rw2;
    }

    // ---------------------------------------------------------------- series

    public int seriesCount() {
        return seriesCount;
    }

    /** Start of the whole TimeSeries field (tag included) in the request, or -1 when not forwardable. */
    public int seriesRawStart(int s) {
        return sRawStart[s];
    }

    public int seriesRawEnd(int s) {
        return sRawEnd[s];
    }

    public int seriesFlags(int s) {
        return sFlags[s];
    }

    public void addSeriesFlags(int s, int flags) {
        sFlags[s] |= flags;
    }

    public int labelFirst(int s) {
        return sLabelFirst[s];
    }

    public int labelCount(int s) {
        return sLabelCount[s];
    }

    public int sampleFirst(int s) {
        return sSampleFirst[s];
    }

    public int sampleCount(int s) {
        return sSampleCount[s];
    }

    public int histogramFirst(int s) {
        return sHistFirst[s];
    }

    public int histogramCount(int s) {
        return sHistCount[s];
    }

    public int exemplarFirst(int s) {
        return sExFirst[s];
    }

    public int exemplarCount(int s) {
        return sExCount[s];
    }

    /** The rc.3 created timestamp of the series (RW1/Mimir TimeSeries field 6), 0 if unset. */
    public long createdTimestamp(int s) {
        return sCreated[s];
    }

    /**
     * Start of the series' label fields in an RW1 request when they form one contiguous byte range (tags and
     * lengths included), else -1. The labels are a function of these bytes, so the range is a cache key.
     */
    public int labelsRawStart(int s) {
        return sLabelsRawStart[s];
    }

    public int labelsRawEnd(int s) {
        return sLabelsRawEnd[s];
    }

    /** The routing token of the series, valid when {@link #FLAG_TOKEN} is set. */
    public int seriesToken(int s) {
        return sToken[s];
    }

    /** The tenant seed every {@link #seriesToken(int)} of this request was computed with. */
    public int tokenSeed() {
        return tokenSeed;
    }

    /** Records a series token computed (or looked up) earlier in the pipeline, so routing need not redo it. */
    public void setSeriesToken(int s, int token, int seed) {
        sToken[s] = token;
        tokenSeed = seed;
        sFlags[s] |= FLAG_TOKEN;
    }

    public int metadataType(int s) {
        return sMetaType[s];
    }

    public int metadataHelpOffset(int s) {
        return sMetaHelpOff[s];
    }

    public int metadataHelpLength(int s) {
        return sMetaHelpLen[s];
    }

    public int metadataUnitOffset(int s) {
        return sMetaUnitOff[s];
    }

    public int metadataUnitLength(int s) {
        return sMetaUnitLen[s];
    }

    int beginSeries(int rawStart, int rawEnd) {
        int s = seriesCount;
        if (s == sRawStart.length) {
            growSeries();
        }
        sRawStart[s] = rawStart;
        sRawEnd[s] = rawEnd;
        sFlags[s] = 0;
        sLabelFirst[s] = labelCount;
        sSampleFirst[s] = sampleCount;
        sHistFirst[s] = histCount;
        sExFirst[s] = exCount;
        sCreated[s] = 0;
        sMetaType[s] = 0;
        sMetaHelpOff[s] = 0;
        sMetaHelpLen[s] = 0;
        sMetaUnitOff[s] = 0;
        sMetaUnitLen[s] = 0;
        sLabelsRawStart[s] = -1;
        sLabelsRawEnd[s] = -1;
        return s;
    }

    void setLabelsRaw(int s, int start, int end) {
        sLabelsRawStart[s] = start;
        sLabelsRawEnd[s] = end;
    }

    void setCreated(int s, long ts) {
        sCreated[s] = ts;
    }

    void setSeriesMetadata(int s, int type, int helpOff, int helpLen, int unitOff, int unitLen) {
        sFlags[s] |= FLAG_HAS_METADATA;
        sMetaType[s] = type;
        sMetaHelpOff[s] = helpOff;
        sMetaHelpLen[s] = helpLen;
        sMetaUnitOff[s] = unitOff;
        sMetaUnitLen[s] = unitLen;
    }

    int endSeries(int s) {
        sLabelCount[s] = labelCount - sLabelFirst[s];
        sSampleCount[s] = sampleCount - sSampleFirst[s];
        sHistCount[s] = histCount - sHistFirst[s];
        sExCount[s] = exCount - sExFirst[s];
        seriesCount = s + 1;
        return s;
    }

    /** Forgets the last series and everything it added to the pools (it was rejected). */
    public void dropLastSeries() {
        int s = seriesCount - 1;
        labelCount = sLabelFirst[s];
        sampleCount = sSampleFirst[s];
        histCount = sHistFirst[s];
        exLabelTotal = sExCount[s] > 0 ? exLabelFirst[sExFirst[s]] : exLabelTotal;
        exCount = sExFirst[s];
        seriesCount = s;
    }

    /**
     * Removes sample {@code i} of the last series (e.g. its timestamp is out of bounds). The series is then
     * re-encoded from its parts instead of being forwarded as is.
     */
    public void removeSampleOfLastSeries(int i) {
        int s = seriesCount - 1;
        int tail = sampleCount - i - 1;
        System.arraycopy(smpOff, i + 1, smpOff, i, tail);
        System.arraycopy(smpLen, i + 1, smpLen, i, tail);
        System.arraycopy(smpTs, i + 1, smpTs, i, tail);
        System.arraycopy(smpStart, i + 1, smpStart, i, tail);
        System.arraycopy(smpBits, i + 1, smpBits, i, tail);
        sampleCount--;
        sSampleCount[s]--;
        sFlags[s] |= FLAG_MODIFIED;
    }

    /** Like {@link #removeSampleOfLastSeries(int)} for a histogram. */
    public void removeHistogramOfLastSeries(int i) {
        int s = seriesCount - 1;
        int tail = histCount - i - 1;
        System.arraycopy(hOff, i + 1, hOff, i, tail);
        System.arraycopy(hLen, i + 1, hLen, i, tail);
        System.arraycopy(hTs, i + 1, hTs, i, tail);
        System.arraycopy(hStart, i + 1, hStart, i, tail);
        histCount--;
        sHistCount[s]--;
        sFlags[s] |= FLAG_MODIFIED;
    }

    private void growSeries() {
        int n = sRawStart.length * 2;
        sRawStart = Arrays.copyOf(sRawStart, n);
        sRawEnd = Arrays.copyOf(sRawEnd, n);
        sFlags = Arrays.copyOf(sFlags, n);
        sLabelFirst = Arrays.copyOf(sLabelFirst, n);
        sLabelCount = Arrays.copyOf(sLabelCount, n);
        sSampleFirst = Arrays.copyOf(sSampleFirst, n);
        sSampleCount = Arrays.copyOf(sSampleCount, n);
        sHistFirst = Arrays.copyOf(sHistFirst, n);
        sHistCount = Arrays.copyOf(sHistCount, n);
        sExFirst = Arrays.copyOf(sExFirst, n);
        sExCount = Arrays.copyOf(sExCount, n);
        sCreated = Arrays.copyOf(sCreated, n);
        sMetaType = Arrays.copyOf(sMetaType, n);
        sMetaHelpOff = Arrays.copyOf(sMetaHelpOff, n);
        sMetaHelpLen = Arrays.copyOf(sMetaHelpLen, n);
        sMetaUnitOff = Arrays.copyOf(sMetaUnitOff, n);
        sMetaUnitLen = Arrays.copyOf(sMetaUnitLen, n);
        sLabelsRawStart = Arrays.copyOf(sLabelsRawStart, n);
        sLabelsRawEnd = Arrays.copyOf(sLabelsRawEnd, n);
        sToken = Arrays.copyOf(sToken, n);
    }

    // ---------------------------------------------------------------- labels

    public int labelNameOffset(int l) {
        return lNameOff[l];
    }

    public int labelNameLength(int l) {
        return lNameLen[l];
    }

    public int labelValueOffset(int l) {
        return lValueOff[l];
    }

    public int labelValueLength(int l) {
        return lValueLen[l];
    }

    /** Index of the name in the RW2 symbols table, -1 for RW1 input. */
    public int labelNameSymbol(int l) {
        return lNameSym[l];
    }

    public int labelValueSymbol(int l) {
        return lValueSym[l];
    }

    void addLabel(int nameOff, int nameLen, int valueOff, int valueLen, int nameSym, int valueSym) {
        int l = labelCount;
        if (l == lNameOff.length) {
            int n = l * 2;
            lNameOff = Arrays.copyOf(lNameOff, n);
            lNameLen = Arrays.copyOf(lNameLen, n);
            lValueOff = Arrays.copyOf(lValueOff, n);
            lValueLen = Arrays.copyOf(lValueLen, n);
            lNameSym = Arrays.copyOf(lNameSym, n);
            lValueSym = Arrays.copyOf(lValueSym, n);
        }
        lNameOff[l] = nameOff;
        lNameLen[l] = nameLen;
        lValueOff[l] = valueOff;
        lValueLen[l] = valueLen;
        lNameSym[l] = nameSym;
        lValueSym[l] = valueSym;
        labelCount = l + 1;
    }

    /** Sets the value half of the label added last (RW2 refs arrive one at a time). */
    void setLastLabelValue(int valueOff, int valueLen, int valueSym) {
        int l = labelCount - 1;
        lValueOff[l] = valueOff;
        lValueLen[l] = valueLen;
        lValueSym[l] = valueSym;
    }

    // ---------------------------------------------------------------- samples

    /** Number of samples in the pool (all series so far). */
    public int sampleCountInPool() {
        return sampleCount;
    }

    /** Offset of the Sample message payload (after tag and length). */
    public int sampleOffset(int i) {
        return smpOff[i];
    }

    public int sampleLength(int i) {
        return smpLen[i];
    }

    public long sampleTimestamp(int i) {
        return smpTs[i];
    }

    /** The rc.4 start timestamp (RW2 Sample field 3), 0 if unset. */
    public long sampleStartTimestamp(int i) {
        return smpStart[i];
    }

    /** Raw IEEE-754 bits of the value: stale markers survive untouched. */
    public long sampleValueBits(int i) {
        return smpBits[i];
    }

    void addSample(int off, int len, long bits, long ts, long start) {
        int i = sampleCount;
        if (i == smpOff.length) {
            int n = i * 2;
            smpOff = Arrays.copyOf(smpOff, n);
            smpLen = Arrays.copyOf(smpLen, n);
            smpTs = Arrays.copyOf(smpTs, n);
            smpStart = Arrays.copyOf(smpStart, n);
            smpBits = Arrays.copyOf(smpBits, n);
        }
        smpOff[i] = off;
        smpLen[i] = len;
        smpBits[i] = bits;
        smpTs[i] = ts;
        smpStart[i] = start;
        sampleCount = i + 1;
    }

    // ---------------------------------------------------------------- histograms

    public int histogramOffset(int i) {
        return hOff[i];
    }

    public int histogramLength(int i) {
        return hLen[i];
    }

    public long histogramTimestamp(int i) {
        return hTs[i];
    }

    /** The rc.4 start timestamp (RW2 Histogram field 17), 0 if unset. */
    public long histogramStartTimestamp(int i) {
        return hStart[i];
    }

    void addHistogram(int off, int len, long ts, long start) {
        int i = histCount;
        if (i == hOff.length) {
            int n = i * 2;
            hOff = Arrays.copyOf(hOff, n);
            hLen = Arrays.copyOf(hLen, n);
            hTs = Arrays.copyOf(hTs, n);
            hStart = Arrays.copyOf(hStart, n);
        }
        hOff[i] = off;
        hLen[i] = len;
        hTs[i] = ts;
        hStart[i] = start;
        histCount = i + 1;
    }

    // ---------------------------------------------------------------- exemplars

    public long exemplarValueBits(int e) {
        return exBits[e];
    }

    public long exemplarTimestamp(int e) {
        return exTs[e];
    }

    public int exemplarLabelFirst(int e) {
        return exLabelFirst[e];
    }

    public int exemplarLabelCount(int e) {
        return exLabelCount[e];
    }

    public int exemplarLabelNameOffset(int l) {
        return xlNameOff[l];
    }

    public int exemplarLabelNameLength(int l) {
        return xlNameLen[l];
    }

    public int exemplarLabelValueOffset(int l) {
        return xlValueOff[l];
    }

    public int exemplarLabelValueLength(int l) {
        return xlValueLen[l];
    }

    public int exemplarLabelNameSymbol(int l) {
        return xlNameSym[l];
    }

    public int exemplarLabelValueSymbol(int l) {
        return xlValueSym[l];
    }

    int beginExemplar() {
        int e = exCount;
        if (e == exBits.length) {
            int n = e * 2;
            exBits = Arrays.copyOf(exBits, n);
            exTs = Arrays.copyOf(exTs, n);
            exLabelFirst = Arrays.copyOf(exLabelFirst, n);
            exLabelCount = Arrays.copyOf(exLabelCount, n);
        }
        exBits[e] = 0;
        exTs[e] = 0;
        exLabelFirst[e] = exLabelTotal;
        exCount = e + 1;
        return e;
    }

    void setExemplarValue(int e, long bits) {
        exBits[e] = bits;
    }

    void setExemplarTimestamp(int e, long ts) {
        exTs[e] = ts;
    }

    void endExemplar(int e) {
        exLabelCount[e] = exLabelTotal - exLabelFirst[e];
    }

    void addExemplarLabel(int nameOff, int nameLen, int valueOff, int valueLen, int nameSym, int valueSym) {
        int l = exLabelTotal;
        if (l == xlNameOff.length) {
            int n = l * 2;
            xlNameOff = Arrays.copyOf(xlNameOff, n);
            xlNameLen = Arrays.copyOf(xlNameLen, n);
            xlValueOff = Arrays.copyOf(xlValueOff, n);
            xlValueLen = Arrays.copyOf(xlValueLen, n);
            xlNameSym = Arrays.copyOf(xlNameSym, n);
            xlValueSym = Arrays.copyOf(xlValueSym, n);
        }
        xlNameOff[l] = nameOff;
        xlNameLen[l] = nameLen;
        xlValueOff[l] = valueOff;
        xlValueLen[l] = valueLen;
        xlNameSym[l] = nameSym;
        xlValueSym[l] = valueSym;
        exLabelTotal = l + 1;
    }

    void setLastExemplarLabelValue(int valueOff, int valueLen, int valueSym) {
        int l = exLabelTotal - 1;
        xlValueOff[l] = valueOff;
        xlValueLen[l] = valueLen;
        xlValueSym[l] = valueSym;
    }

    // ---------------------------------------------------------------- metadata

    public int metadataCount() {
        return metaCount;
    }

    /** Start of the whole MetricMetadata field in an RW1 request, or -1 when derived from RW2 series. */
    public int metadataRawStart(int m) {
        return mRawStart[m];
    }

    public int metadataRawEnd(int m) {
        return mRawEnd[m];
    }

    public int metadataEntryType(int m) {
        return mType[m];
    }

    public int metadataFamilyOffset(int m) {
        return mFamOff[m];
    }

    public int metadataFamilyLength(int m) {
        return mFamLen[m];
    }

    public int metadataEntryHelpOffset(int m) {
        return mHelpOff[m];
    }

    public int metadataEntryHelpLength(int m) {
        return mHelpLen[m];
    }

    public int metadataEntryUnitOffset(int m) {
        return mUnitOff[m];
    }

    public int metadataEntryUnitLength(int m) {
        return mUnitLen[m];
    }

    /** Appends a metadata entry; raw start/end are -1 when the entry has no bytes of its own to forward. */
    public int addMetadata(int rawStart, int rawEnd, int type, int famOff, int famLen, int helpOff, int helpLen,
            int unitOff, int unitLen) {
        int m = metaCount;
        if (m == mType.length) {
            int n = m * 2;
            mRawStart = Arrays.copyOf(mRawStart, n);
            mRawEnd = Arrays.copyOf(mRawEnd, n);
            mType = Arrays.copyOf(mType, n);
            mFamOff = Arrays.copyOf(mFamOff, n);
            mFamLen = Arrays.copyOf(mFamLen, n);
            mHelpOff = Arrays.copyOf(mHelpOff, n);
            mHelpLen = Arrays.copyOf(mHelpLen, n);
            mUnitOff = Arrays.copyOf(mUnitOff, n);
            mUnitLen = Arrays.copyOf(mUnitLen, n);
        }
        mRawStart[m] = rawStart;
        mRawEnd[m] = rawEnd;
        mType[m] = type;
        mFamOff[m] = famOff;
        mFamLen[m] = famLen;
        mHelpOff[m] = helpOff;
        mHelpLen[m] = helpLen;
        mUnitOff[m] = unitOff;
        mUnitLen[m] = unitLen;
        metaCount = m + 1;
        return m;
    }

    /** Forgets the last metadata entry (rejected or duplicate). */
    public void dropLastMetadata() {
        metaCount--;
    }

    // ---------------------------------------------------------------- RW2 symbols

    public int symbolCount() {
        return symbolCount;
    }

    public int symbolOffset(int i) {
        return symOff[i];
    }

    public int symbolLength(int i) {
        return symLen[i];
    }

    void addSymbol(int off, int len) {
        int i = symbolCount;
        if (i == symOff.length) {
            symOff = Arrays.copyOf(symOff, i * 2);
            symLen = Arrays.copyOf(symLen, i * 2);
        }
        symOff[i] = off;
        symLen[i] = len;
        symbolCount = i + 1;
    }

    /** Rough retained size, so owners can drop a scratch instance that one huge request inflated. */
    public long retainedEstimate() {
        return (long) sRawStart.length * 20 * 4 + (long) lNameOff.length * 24 + (long) smpOff.length * 32
                + (long) symOff.length * 8;
    }
}
