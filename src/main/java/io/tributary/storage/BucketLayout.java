package io.tributary.storage;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Everything about a native histogram that a Prometheus histogram chunk stores once, in its header: the schema,
 * the zero bucket's threshold, the positive and negative bucket spans, and the custom bucket bounds of schema
 * {@value #CUSTOM_BUCKETS_SCHEMA}. Samples of one chunk share one layout.
 *
 * @param customValues not copied; callers must not change the array
 */
public record BucketLayout(int schema, double zeroThreshold, List<BucketSpan> positiveSpans,
        List<BucketSpan> negativeSpans, double[] customValues) {

    /** Native histograms with custom bucket boundaries (NHCB), as converted from classic histograms. */
    public static final int CUSTOM_BUCKETS_SCHEMA = -53;
    public static final int MIN_EXPONENTIAL_SCHEMA = -4;
    public static final int MAX_EXPONENTIAL_SCHEMA = 8;
    /** The layout of a stale marker, whose buckets Prometheus does not store. */
    public static final BucketLayout EMPTY = new BucketLayout(0, 0, List.of(), List.of(), new double[0]);

    public BucketLayout {
        positiveSpans = List.copyOf(positiveSpans);
        negativeSpans = List.copyOf(negativeSpans);
        Objects.requireNonNull(customValues, "customValues");
    }

    public boolean usesCustomBuckets() {
        return schema == CUSTOM_BUCKETS_SCHEMA;
    }

    public static boolean isKnownSchema(int schema) {
        return schema == CUSTOM_BUCKETS_SCHEMA || (schema >= MIN_EXPONENTIAL_SCHEMA && schema <= MAX_EXPONENTIAL_SCHEMA);
    }

    /** How many buckets the spans describe; bucket arrays must be this long. */
    public static long bucketCount(List<BucketSpan> spans) {
        long n = 0;
        for (BucketSpan span : spans) {
            n += Integer.toUnsignedLong(span.length());
        }
        return n;
    }

    /**
     * The bucket index of every bucket the spans describe, in order. The first span's offset is an index; each
     * later offset is the gap after the previous span.
     */
    public static int[] bucketIndices(List<BucketSpan> spans) {
        int[] indices = new int[(int) bucketCount(spans)];
        int index = 0;
        int i = 0;
        for (BucketSpan span : spans) {
            index += span.offset();
            for (long k = 0; k < Integer.toUnsignedLong(span.length()); k++) {
                indices[i++] = index++;
            }
        }
        return indices;
    }

    @Override
    public boolean equals(Object o) {
        // The zero threshold compares as a number: 0.0 and -0.0 are the same threshold (a chunk stores both as 0).
        return o instanceof BucketLayout l && l.schema == schema && l.zeroThreshold == zeroThreshold
                && l.positiveSpans.equals(positiveSpans) && l.negativeSpans.equals(negativeSpans)
                && Arrays.equals(l.customValues, customValues);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, zeroThreshold == 0 ? 0.0 : zeroThreshold, positiveSpans, negativeSpans,
                Arrays.hashCode(customValues));
    }

    @Override
    public String toString() {
        return "BucketLayout[schema=" + schema + ", zeroThreshold=" + zeroThreshold + ", positiveSpans="
                + positiveSpans + ", negativeSpans=" + negativeSpans + ", customValues="
                + Arrays.toString(customValues) + "]";
    }
}
