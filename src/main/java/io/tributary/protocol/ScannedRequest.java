package io.tributary.protocol;

import java.util.Arrays;

/**
 * The result of scanning one decompressed remote-write request: offsets into the request bytes kept in
 * reusable parallel int/long arrays, so that decoding allocates nothing per series, label or sample.
 *
 * <p>Strings are never materialised: a label is four ints (name offset/length, value offset/length) into
 * {@link #buffer()}. Labels, samples, histograms and exemplars each live in their own column set
 * ({@link #labels()}, {@link #samples()}, ...); a series refers to a contiguous slice of each. The series
 * columns and the RW2 symbols table stay here. One instance is reused per thread.
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

    private final LabelColumns labels = new LabelColumns(512);
    private final SampleColumns samples = new SampleColumns();
    private final HistogramColumns histograms = new HistogramColumns();
    private final ExemplarColumns exemplars = new ExemplarColumns();
    private final MetadataColumns metadata = new MetadataColumns();

    // series columns
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

    // RW2 symbols
    private int symbolCount;
    private int[] symOff = new int[256];
    private int[] symLen = new int[256];

    /** Clears all columns and points at new request bytes. */
    public void reset(byte[] buffer, boolean isRw2) {
        this.buf = buffer;
        this.rw2 = isRw2;
        seriesCount = 0;
        labels.truncate(0);
        samples.truncate(0);
        histograms.truncate(0);
        exemplars.clear();
        metadata.clear();
        symbolCount = 0;
    }

    public byte[] buffer() {
        return buf;
    }

    /** Whether the scanned request was a remote-write 2.0 request (labels came from a symbols table). */
    public boolean isRw2() {
        return rw2;
    }

    /** The labels of all series; series {@code s} owns {@code [labelFirst(s), labelFirst(s) + labelCount(s))}. */
    public LabelColumns labels() {
        return labels;
    }

    /** The samples of all series, sliced per series like {@link #labels()}. */
    public SampleColumns samples() {
        return samples;
    }

    /** The histograms of all series, sliced per series like {@link #labels()}. */
    public HistogramColumns histograms() {
        return histograms;
    }

    /** The exemplars of all series, sliced per series like {@link #labels()}. */
    public ExemplarColumns exemplars() {
        return exemplars;
    }

    /** The metadata entries of the request, not tied to a series. */
    public MetadataColumns metadata() {
        return metadata;
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
        sLabelFirst[s] = labels.size();
        sSampleFirst[s] = samples.size();
        sHistFirst[s] = histograms.size();
        sExFirst[s] = exemplars.size();
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
        sLabelCount[s] = labels.size() - sLabelFirst[s];
        sSampleCount[s] = samples.size() - sSampleFirst[s];
        sHistCount[s] = histograms.size() - sHistFirst[s];
        sExCount[s] = exemplars.size() - sExFirst[s];
        seriesCount = s + 1;
        return s;
    }

    /** Forgets the last series and everything it added to the columns (it was rejected). */
    public void dropLastSeries() {
        int s = seriesCount - 1;
        labels.truncate(sLabelFirst[s]);
        samples.truncate(sSampleFirst[s]);
        histograms.truncate(sHistFirst[s]);
        exemplars.truncate(sExFirst[s]);
        seriesCount = s;
    }

    /**
     * Removes sample {@code i} of the last series (e.g. its timestamp is out of bounds). The series is then
     * re-encoded from its parts instead of being forwarded as is.
     */
    public void removeSampleOfLastSeries(int i) {
        int s = seriesCount - 1;
        samples.remove(i);
        sSampleCount[s]--;
        sFlags[s] |= FLAG_MODIFIED;
    }

    /** Like {@link #removeSampleOfLastSeries(int)} for a histogram. */
    public void removeHistogramOfLastSeries(int i) {
        int s = seriesCount - 1;
        histograms.remove(i);
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

    // ---------------------------------------------------------------- RW2 symbols

    public int symbolCount() {
        return symbolCount;
    }

    /** Whether {@code ref} names a symbol: inside the table and not a reserved slot of a {@link SymbolPrefix}. */
    public boolean isSymbol(int ref) {
        return ref >= 0 && ref < symbolCount && symLen[ref] >= 0;
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
        return (long) sRawStart.length * 20 * 4 + (long) labels.capacity() * 24 + (long) samples.capacity() * 32
                + (long) symOff.length * 8;
    }
}
