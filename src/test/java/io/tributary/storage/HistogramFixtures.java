package io.tributary.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Native histograms for tests: readable builders for hand-made cases, and a seeded generator of whole series that
 * walk through what real senders do (growing counters, resets, schema and layout changes, gauges, stale markers,
 * custom buckets, integer and float kinds).
 */
public final class HistogramFixtures {
    public static final double STALE_NAN = Double.longBitsToDouble(NativeHistogram.STALE_NAN_BITS);
    /** Prometheus's default zero threshold, 2^-128. */
    public static final double DEFAULT_ZERO_THRESHOLD = Math.scalb(1.0, -128);

    private HistogramFixtures() {
    }

    public static List<BucketSpan> spans(int... offsetLengthPairs) {
        List<BucketSpan> spans = new ArrayList<>();
        for (int i = 0; i < offsetLengthPairs.length; i += 2) {
            spans.add(new BucketSpan(offsetLengthPairs[i], offsetLengthPairs[i + 1]));
        }
        return spans;
    }

    public static BucketLayout layout(int schema, List<BucketSpan> positive) {
        return new BucketLayout(schema, DEFAULT_ZERO_THRESHOLD, positive, List.of(), new double[0]);
    }

    /** An integer counter histogram with positive buckets only, given as absolute counts. */
    public static IntegerHistogram counter(BucketLayout layout, long zeroCount, double sum, long... positiveCounts) {
        long count = zeroCount;
        for (long c : positiveCounts) {
            count += c;
        }
        return new IntegerHistogram(ResetHint.UNKNOWN, layout, count, zeroCount, sum, deltas(positiveCounts),
                new long[0]);
    }

    public static long[] deltas(long[] counts) {
        long[] deltas = new long[counts.length];
        long previous = 0;
        for (int i = 0; i < counts.length; i++) {
            deltas[i] = counts[i] - previous;
            previous = counts[i];
        }
        return deltas;
    }

    public static List<HistogramSample> samples(long start, long step, NativeHistogram... histograms) {
        List<HistogramSample> samples = new ArrayList<>();
        for (int i = 0; i < histograms.length; i++) {
            long t = start + i * step;
            samples.add(new HistogramSample(t, HistogramMessageEncoder.encode(histograms[i], t)));
        }
        return samples;
    }

    /** A histogram as it must read back from a chunk, whatever the reset hint: stale markers lose all but the sum. */
    public static NativeHistogram storedForm(NativeHistogram h) {
        if (h.isStale()) {
            return h instanceof IntegerHistogram ? IntegerHistogram.staleMarker() : FloatHistogram.staleMarker();
        }
        return h.withResetHint(ResetHint.UNKNOWN);
    }

    /** Generates random histogram series; every call continues the walk of one series. */
    public static final class RandomSeries {
        private static final double[] ZERO_THRESHOLDS = {0, DEFAULT_ZERO_THRESHOLD, 0.001, 1.0, Math.scalb(1.0, -243)};
        private static final double[] CUSTOM_BOUNDS = {0.005, 0.1, 0.25, 1, 2.5, 33554.43, 99999.9, 1e-9};

        private final SplittableRandom random;
        private final boolean floats;
        private final boolean gauge;
        private final boolean customBuckets;
        private BucketLayout layout;
        private double[] positive;
        private double[] negative;
        private double zeroCount;
        private double sum;

        public RandomSeries(SplittableRandom random) {
            this(random, true);
        }

        /** @param customBuckets whether the series may use schema -53, which Prometheus 2.x cannot read */
        public RandomSeries(SplittableRandom random, boolean customBuckets) {
            this.random = random;
            this.floats = random.nextInt(3) == 0;
            this.gauge = random.nextInt(5) == 0;
            this.customBuckets = customBuckets;
            newLayout();
        }

        /** The next histogram of the series. */
        public NativeHistogram next() {
            int event = random.nextInt(40);
            if (event == 0) {
                return stale();
            }
            if (event == 1) {
                newLayout();
            } else if (event == 2 && !gauge) {
                scale(0.3);
            } else {
                grow();
            }
            ResetHint hint = gauge ? ResetHint.GAUGE
                    : switch (random.nextInt(10)) {
                        case 0 -> ResetHint.NO;
                        case 1 -> event == 2 ? ResetHint.YES : ResetHint.UNKNOWN;
                        default -> ResetHint.UNKNOWN;
                    };
            return floats ? floatHistogram(hint) : integerHistogram(hint);
        }

        private NativeHistogram stale() {
            return floats ? new FloatHistogram(ResetHint.UNKNOWN, layout, 1, 0, STALE_NAN, new double[0], new double[0])
                    : new IntegerHistogram(ResetHint.UNKNOWN, BucketLayout.EMPTY, 0, 0, STALE_NAN, new long[0],
                            new long[0]);
        }

        private void newLayout() {
            boolean custom = customBuckets && random.nextInt(6) == 0;
            int schema = custom ? BucketLayout.CUSTOM_BUCKETS_SCHEMA : random.nextInt(-4, 9);
            double zeroThreshold = custom ? 0 : ZERO_THRESHOLDS[random.nextInt(ZERO_THRESHOLDS.length)];
            List<BucketSpan> positiveSpans = randomSpans(custom ? 0 : random.nextInt(-20, 20));
            List<BucketSpan> negativeSpans = custom || random.nextBoolean() ? List.of() : randomSpans(random.nextInt(-5, 5));
            double[] bounds = new double[0];
            if (custom) {
                bounds = new double[(int) BucketLayout.bucketCount(positiveSpans) + random.nextInt(3)];
                double bound = CUSTOM_BOUNDS[random.nextInt(CUSTOM_BOUNDS.length)];
                for (int i = 0; i < bounds.length; i++) {
                    bounds[i] = bound;
                    bound += random.nextBoolean() ? 0.5 : random.nextDouble() * 10;
                }
            }
            layout = new BucketLayout(schema, zeroThreshold, positiveSpans, negativeSpans, bounds);
            positive = carry(positive, (int) BucketLayout.bucketCount(positiveSpans));
            negative = carry(negative, (int) BucketLayout.bucketCount(negativeSpans));
        }

        private List<BucketSpan> randomSpans(int firstOffset) {
            List<BucketSpan> spans = new ArrayList<>();
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                // Spans of length 0 are legal and must survive.
                int length = random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(6);
                spans.add(new BucketSpan(i == 0 ? firstOffset : random.nextInt(0, 4), length));
            }
            return spans;
        }

        private double[] carry(double[] old, int n) {
            double[] counts = new double[n];
            for (int i = 0; i < n; i++) {
                counts[i] = old != null && i < old.length ? old[i] : 0;
            }
            return counts;
        }

        private void grow() {
            // Mostly small increments (the common case), sometimes huge ones for the wide varbit widths.
            long step = switch (random.nextInt(8)) {
                case 0 -> 0;
                case 1 -> random.nextLong(1L << 40);
                case 2 -> random.nextLong(1L << 20);
                default -> random.nextInt(20);
            };
            for (double[] side : new double[][] {positive, negative}) {
                for (int i = 0; i < side.length; i++) {
                    double change = random.nextInt(3) == 0 ? 0 : random.nextLong(step + 1);
                    side[i] += gauge && random.nextBoolean() ? -Math.min(change, side[i]) : change;
                    if (floats && random.nextInt(4) == 0) {
                        side[i] += 0.25;
                    }
                }
            }
            zeroCount += random.nextInt(3);
            sum += random.nextDouble() * 100 - (gauge ? 50 : 0);
        }

        private void scale(double factor) {
            for (double[] side : new double[][] {positive, negative}) {
                for (int i = 0; i < side.length; i++) {
                    side[i] = Math.floor(side[i] * factor);
                }
            }
            zeroCount = Math.floor(zeroCount * factor);
            sum *= factor;
        }

        private IntegerHistogram integerHistogram(ResetHint hint) {
            long[] p = toLongs(positive);
            long[] n = toLongs(negative);
            long count = (long) zeroCount;
            for (long c : p) {
                count += c;
            }
            for (long c : n) {
                count += c;
            }
            return new IntegerHistogram(hint, layout, count, (long) zeroCount, sum, deltas(p), deltas(n));
        }

        private FloatHistogram floatHistogram(ResetHint hint) {
            double count = zeroCount;
            for (double c : positive) {
                count += c;
            }
            for (double c : negative) {
                count += c;
            }
            return new FloatHistogram(hint, layout, count, zeroCount, sum, positive.clone(), negative.clone());
        }

        private static long[] toLongs(double[] values) {
            long[] out = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = (long) values[i];
            }
            return out;
        }
    }
}
