package io.tributary.storage;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a counter reset lies between two consecutive histograms of a series, by the rules Prometheus's
 * appender follows: the count, the zero count or any bucket went down, or a bucket that had observations
 * disappeared, or the custom bucket bounds changed. When the schema or the zero threshold changed the buckets
 * cannot be compared one to one, and the answer is {@link Verdict#UNDECIDED} unless the count alone shows a reset.
 */
final class CounterResets {
    enum Verdict { RESET, NO_RESET, UNDECIDED }

    private CounterResets() {
    }

    /** Both histograms are of one kind, not stale and not gauges. */
    static Verdict between(NativeHistogram previous, NativeHistogram next) {
        if (previous instanceof IntegerHistogram p && next instanceof IntegerHistogram n) {
            return between(p, n);
        }
        if (previous instanceof FloatHistogram p && next instanceof FloatHistogram n) {
            return between(p, n);
        }
        return Verdict.UNDECIDED;
    }

    private static Verdict between(IntegerHistogram p, IntegerHistogram n) {
        // Counts are uint64 on the wire.
        if (Long.compareUnsigned(n.count(), p.count()) < 0) {
            return Verdict.RESET;
        }
        Verdict layout = layoutVerdict(p.layout(), n.layout());
        if (layout != null) {
            return layout;
        }
        if (Long.compareUnsigned(n.zeroCount(), p.zeroCount()) < 0) {
            return Verdict.RESET;
        }
        boolean reset = bucketWentDown(p.layout().positiveSpans(), IntegerHistogram.absolute(p.positiveDeltas()),
                n.layout().positiveSpans(), IntegerHistogram.absolute(n.positiveDeltas()))
                || bucketWentDown(p.layout().negativeSpans(), IntegerHistogram.absolute(p.negativeDeltas()),
                n.layout().negativeSpans(), IntegerHistogram.absolute(n.negativeDeltas()));
        return reset ? Verdict.RESET : Verdict.NO_RESET;
    }

    private static Verdict between(FloatHistogram p, FloatHistogram n) {
        if (n.count() < p.count()) {
            return Verdict.RESET;
        }
        Verdict layout = layoutVerdict(p.layout(), n.layout());
        if (layout != null) {
            return layout;
        }
        if (n.zeroCount() < p.zeroCount()) {
            return Verdict.RESET;
        }
        boolean reset = bucketWentDown(p.layout().positiveSpans(), p.positiveCounts(), n.layout().positiveSpans(),
                n.positiveCounts())
                || bucketWentDown(p.layout().negativeSpans(), p.negativeCounts(), n.layout().negativeSpans(),
                n.negativeCounts());
        return reset ? Verdict.RESET : Verdict.NO_RESET;
    }

    /** The verdict a layout change alone gives, or null when the buckets can be compared. */
    private static Verdict layoutVerdict(BucketLayout p, BucketLayout n) {
        if (p.schema() != n.schema() || p.zeroThreshold() != n.zeroThreshold()) {
            return Verdict.UNDECIDED;
        }
        if (n.usesCustomBuckets() && !Arrays.equals(p.customValues(), n.customValues())) {
            // Other bounds are other buckets: nothing carries over, so the counters start again.
            return Verdict.RESET;
        }
        return null;
    }

    /** True when a bucket's absolute count went down or a bucket with observations is missing from next. */
    private static boolean bucketWentDown(List<BucketSpan> previousSpans, long[] previous, List<BucketSpan> nextSpans,
            long[] next) {
        int[] positions = positionsInNext(previousSpans, nextSpans);
        for (int i = 0; i < previous.length; i++) {
            int j = positions[i];
            if (j < 0 ? previous[i] != 0 : next[j] < previous[i]) {
                return true;
            }
        }
        return false;
    }

    private static boolean bucketWentDown(List<BucketSpan> previousSpans, double[] previous,
            List<BucketSpan> nextSpans, double[] next) {
        int[] positions = positionsInNext(previousSpans, nextSpans);
        for (int i = 0; i < previous.length; i++) {
            int j = positions[i];
            if (j < 0 ? previous[i] != 0 : next[j] < previous[i]) {
                return true;
            }
        }
        return false;
    }

    /** For each bucket of the previous layout, its position among the next layout's buckets, or -1. */
    private static int[] positionsInNext(List<BucketSpan> previousSpans, List<BucketSpan> nextSpans) {
        int[] previousIndices = BucketLayout.bucketIndices(previousSpans);
        int[] positions = new int[previousIndices.length];
        if (previousSpans.equals(nextSpans)) {
            for (int i = 0; i < positions.length; i++) {
                positions[i] = i;
            }
            return positions;
        }
        int[] nextIndices = BucketLayout.bucketIndices(nextSpans);
        Map<Integer, Integer> byIndex = new HashMap<>(nextIndices.length * 2);
        for (int j = 0; j < nextIndices.length; j++) {
            byIndex.put(nextIndices[j], j);
        }
        for (int i = 0; i < previousIndices.length; i++) {
            positions[i] = byIndex.getOrDefault(previousIndices[i], -1);
        }
        return positions;
    }
}
