package io.tributary.storage.block;

import static io.tributary.storage.HistogramFixtures.spans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tributary.storage.BucketLayout;
import io.tributary.storage.BucketSpan;
import io.tributary.storage.FloatHistogram;
import io.tributary.storage.HistogramFixtures;
import io.tributary.storage.HistogramMessageEncoder;
import io.tributary.storage.HistogramSample;
import io.tributary.storage.IntegerHistogram;
import io.tributary.storage.Labels;
import io.tributary.storage.NativeHistogram;
import io.tributary.storage.ResetHint;
import io.tributary.storage.SeriesChunks;
import io.tributary.storage.XorChunk;
import io.tributary.support.PrometheusAgent;
import io.tributary.support.PrometheusServer;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus 2.42 reads the native histograms of a block we wrote: the block goes into its data directory,
 * it starts with native histograms enabled, and every histogram a PromQL range selector returns has the count, sum
 * and buckets written (bucket bounds as its API computes them). Prometheus decodes our chunk bytes with its own
 * code, so this proves the encoding, not only that our reader agrees with our writer. Custom buckets (schema -53)
 * are left out: Prometheus 2.42 cannot read them. Skipped where Prometheus is not installed.
 */
@Timeout(120)
class PrometheusHistogramBlockTest {
    private static final long RANGE = 7_200_000;
    private static final long STEP = 15_000;

    @TempDir
    Path work;

    private final long start = Math.floorDiv(System.currentTimeMillis() - 6 * 3_600_000, RANGE) * RANGE;
    /** Per series label value: the histograms written, by timestamp, in order. */
    private final Map<String, Map<Long, NativeHistogram>> histograms = new LinkedHashMap<>();
    private final Map<String, Map<Long, Double>> floats = new LinkedHashMap<>();
    private final List<SeriesChunks> series = new ArrayList<>();

    @BeforeAll
    static void needsPrometheus() {
        Assumptions.assumeTrue(PrometheusAgent.installed(), "prometheus is not installed (.ci/run installs it)");
    }

    @Test
    void prometheusReadsEveryHistogramOfTheBlockAsWritten() throws Exception {
        addIntegerCounterWithResetNewBucketAndStaleMarker();
        addGauge();
        addFloatCounter();
        addSeriesThatTurnsFromFloatsToHistogramsAndBack();
        SplittableRandom random = new SplittableRandom(2042);
        for (int s = 0; s < 15; s++) {
            HistogramFixtures.RandomSeries generator = new HistogramFixtures.RandomSeries(random, false);
            List<NativeHistogram> walk = new ArrayList<>();
            for (int i = 0; i < 480; i++) {
                walk.add(generator.next());
            }
            addHistograms("random-" + s, walk.toArray(NativeHistogram[]::new));
        }
        Path tsdb = work.resolve("data");
        series.sort(Comparator.comparing(SeriesChunks::labels));
        BlockMeta meta = new BlockWriter(tsdb).write(ULID.generate(start), start, start + RANGE, Map.of(), series);
        assertThat(meta.stats().numSeries()).isEqualTo(series.size());

        try (PrometheusServer prometheus = PrometheusServer.startOnBlocks(work.resolve("prometheus"), tsdb)) {
            for (String name : histograms.keySet()) {
                String answer = prometheus.query("{series=\"" + name + "\"}[2h]", start + RANGE - 1);
                JsonNode result = JsonMapper.shared().readTree(answer).path("data").path("result");
                assertThat(result.size()).as("%s: %s\n%s", name, answer, prometheus.log()).isEqualTo(1);
                assertHistograms(name, result.get(0).path("histograms"));
                assertFloats(name, result.get(0).path("values"));
            }
        }
    }

    private void addIntegerCounterWithResetNewBucketAndStaleMarker() {
        BucketLayout layout = new BucketLayout(3, HistogramFixtures.DEFAULT_ZERO_THRESHOLD, spans(-3, 4, 2, 3),
                spans(0, 2), new double[0]);
        BucketLayout wider = new BucketLayout(3, HistogramFixtures.DEFAULT_ZERO_THRESHOLD, spans(-3, 4, 2, 4),
                spans(0, 2), new double[0]);
        NativeHistogram[] walk = new NativeHistogram[300];
        for (int i = 0; i < walk.length; i++) {
            // Counts restart at sample 100 (a reset); a bucket appears at 200; the target goes away at 250.
            long n = i < 100 ? i : i - 100;
            long[] positive = {n, 7 * n, 1000 * n, 0, n * n, 3, 123_456_789L * n};
            if (i >= 200) {
                positive = new long[] {n, 7 * n, 1000 * n, 0, n * n, 3, 123_456_789L * n, i - 199};
            }
            long[] negative = {2 * n, n / 3};
            double sum = i == 250 || i == 251 ? HistogramFixtures.STALE_NAN : 0.125 * n;
            walk[i] = integer(i >= 200 ? wider : layout, ResetHint.UNKNOWN, 5 * n, sum, positive, negative);
        }
        addHistograms("integer-counter", walk);
    }

    private void addGauge() {
        BucketLayout layout = new BucketLayout(-2, 0.5, spans(-1, 3), List.of(), new double[0]);
        NativeHistogram[] walk = new NativeHistogram[150];
        for (int i = 0; i < walk.length; i++) {
            long level = 50 + (i % 17) * (i % 2 == 0 ? 3 : -2);
            walk[i] = integer(layout, ResetHint.GAUGE, i % 5, -1.5 * level, new long[] {level, level / 2, i % 3},
                    new long[0]);
        }
        addHistograms("gauge", walk);
    }

    private void addFloatCounter() {
        BucketLayout layout = new BucketLayout(0, 0.001, spans(-2, 2, 1, 1), spans(3, 1), new double[0]);
        NativeHistogram[] walk = new NativeHistogram[130];
        for (int i = 0; i < walk.length; i++) {
            double[] positive = {0.5 * i, 1.25 * i, i / 3.0};
            double[] negative = {0.1 * i};
            double count = 0.75 * i + positive[0] + positive[1] + positive[2] + negative[0];
            walk[i] = new FloatHistogram(ResetHint.UNKNOWN, layout, count, 0.75 * i, Math.sqrt(i), positive, negative);
        }
        addHistograms("float-counter", walk);
    }

    private void addSeriesThatTurnsFromFloatsToHistogramsAndBack() {
        String name = "turns-type";
        Labels labels = Labels.of("__name__", "queue_wait_seconds", "series", name);
        XorChunk chunk = new XorChunk();
        Map<Long, Double> values = new LinkedHashMap<>();
        Map<Long, NativeHistogram> written = new LinkedHashMap<>();
        List<HistogramSample> samples = new ArrayList<>();
        BucketLayout layout = new BucketLayout(1, 0, spans(0, 2), List.of(), new double[0]);
        for (int i = 0; i < 90; i++) {
            long t = start + i * STEP;
            if (i >= 30 && i < 60) {
                NativeHistogram h = integer(layout, ResetHint.UNKNOWN, 0, i, new long[] {i, 2L * i}, new long[0]);
                written.put(t, h);
                samples.add(new HistogramSample(t, HistogramMessageEncoder.encode(h, t)));
            } else {
                chunk.append(t, Double.doubleToRawLongBits(i * 0.5));
                values.put(t, i * 0.5);
            }
        }
        series.add(new SeriesChunks(labels, List.of(chunk.toStored()), samples));
        histograms.put(name, written);
        floats.put(name, values);
    }

    /** An integer histogram from absolute bucket counts. */
    private static IntegerHistogram integer(BucketLayout layout, ResetHint hint, long zeroCount, double sum,
            long[] positive, long[] negative) {
        long count = zeroCount;
        for (long c : positive) {
            count += c;
        }
        for (long c : negative) {
            count += c;
        }
        return new IntegerHistogram(hint, layout, count, zeroCount, sum, HistogramFixtures.deltas(positive),
                HistogramFixtures.deltas(negative));
    }

    private void addHistograms(String name, NativeHistogram... walk) {
        Map<Long, NativeHistogram> written = new LinkedHashMap<>();
        List<HistogramSample> samples = new ArrayList<>();
        for (int i = 0; i < walk.length; i++) {
            long t = start + i * STEP;
            written.put(t, walk[i]);
            samples.add(new HistogramSample(t, HistogramMessageEncoder.encode(walk[i], t)));
        }
        series.add(new SeriesChunks(Labels.of("__name__", "rpc_latency_seconds", "series", name), List.of(), samples));
        histograms.put(name, written);
    }

    private void assertHistograms(String name, JsonNode answered) {
        Map<Long, NativeHistogram> expected = new LinkedHashMap<>();
        // Stale markers end a series in PromQL; they are never returned.
        histograms.get(name).forEach((t, h) -> {
            if (!h.isStale()) {
                expected.put(t, h);
            }
        });
        assertThat(answered.size()).as(name).isEqualTo(expected.size());
        int i = 0;
        for (Map.Entry<Long, NativeHistogram> e : expected.entrySet()) {
            JsonNode point = answered.get(i++);
            String where = name + " at " + e.getKey();
            assertThat(millis(point.get(0))).as(where).isEqualTo(e.getKey());
            JsonNode h = point.get(1);
            NativeHistogram written = e.getValue();
            assertThat(Double.parseDouble(h.path("count").asString())).as(where).isEqualTo(count(written));
            assertThat(Double.parseDouble(h.path("sum").asString())).as(where).isEqualTo(written.sum());
            List<double[]> buckets = new ArrayList<>();
            for (JsonNode b : h.path("buckets")) {
                buckets.add(new double[] {b.get(0).asInt(), Double.parseDouble(b.get(1).asString()),
                        Double.parseDouble(b.get(2).asString()), Double.parseDouble(b.get(3).asString())});
            }
            assertBuckets(where, buckets, expectedBuckets(written));
        }
    }

    private void assertFloats(String name, JsonNode answered) {
        Map<Long, Double> expected = floats.getOrDefault(name, Map.of());
        assertThat(answered.size()).as(name).isEqualTo(expected.size());
        int i = 0;
        for (Map.Entry<Long, Double> e : expected.entrySet()) {
            JsonNode point = answered.get(i++);
            assertThat(millis(point.get(0))).isEqualTo(e.getKey());
            assertThat(Double.parseDouble(point.get(1).asString())).isEqualTo(e.getValue());
        }
    }

    private static long millis(JsonNode seconds) {
        return new BigDecimal(seconds.asString()).movePointRight(3).longValueExact();
    }

    private static double count(NativeHistogram h) {
        return h instanceof IntegerHistogram i ? (double) i.count() : ((FloatHistogram) h).count();
    }

    /**
     * The buckets Prometheus's API lists: those with observations, each as {boundary rule, lower, upper, count}.
     * Bucket i of schema s ends at 2^(i * 2^-s); positive buckets are open below (rule 0), negative ones open above
     * (rule 1), the zero bucket closed (rule 3).
     */
    private static List<double[]> expectedBuckets(NativeHistogram h) {
        BucketLayout layout = h.layout();
        double[] positive;
        double[] negative;
        double zeroCount;
        if (h instanceof IntegerHistogram i) {
            positive = toDoubles(IntegerHistogram.absolute(i.positiveDeltas()));
            negative = toDoubles(IntegerHistogram.absolute(i.negativeDeltas()));
            zeroCount = i.zeroCount();
        } else {
            FloatHistogram f = (FloatHistogram) h;
            positive = f.positiveCounts();
            negative = f.negativeCounts();
            zeroCount = f.zeroCount();
        }
        List<double[]> out = new ArrayList<>();
        if (zeroCount != 0) {
            out.add(new double[] {3, -layout.zeroThreshold(), layout.zeroThreshold(), zeroCount});
        }
        addBuckets(out, layout, layout.positiveSpans(), positive, false);
        addBuckets(out, layout, layout.negativeSpans(), negative, true);
        return out;
    }

    private static void addBuckets(List<double[]> out, BucketLayout layout, List<BucketSpan> spans, double[] counts,
            boolean negative) {
        int[] indices = BucketLayout.bucketIndices(spans);
        for (int k = 0; k < indices.length; k++) {
            if (counts[k] == 0) {
                continue;
            }
            double upper = Math.pow(2, indices[k] * Math.pow(2, -layout.schema()));
            // The API starts no bucket inside the zero bucket: a lower bound below the threshold is raised to it.
            double lower = Math.max(layout.zeroThreshold(),
                    Math.pow(2, (indices[k] - 1) * Math.pow(2, -layout.schema())));
            out.add(negative ? new double[] {1, -upper, -lower, counts[k]} : new double[] {0, lower, upper, counts[k]});
        }
    }

    private static void assertBuckets(String where, List<double[]> actual, List<double[]> expected) {
        Comparator<double[]> byBounds = Comparator.<double[]>comparingDouble(b -> b[1]).thenComparingDouble(b -> b[2]);
        actual.sort(byBounds);
        expected.sort(byBounds);
        assertThat(actual).as(where).hasSameSizeAs(expected);
        for (int k = 0; k < actual.size(); k++) {
            double[] a = actual.get(k);
            double[] e = expected.get(k);
            assertThat(a[0]).as("%s bucket %d rule", where, k).isEqualTo(e[0]);
            assertThat(a[1]).as("%s bucket %d lower", where, k).isCloseTo(e[1], within(Math.abs(e[1]) * 1e-12));
            assertThat(a[2]).as("%s bucket %d upper", where, k).isCloseTo(e[2], within(Math.abs(e[2]) * 1e-12));
            assertThat(a[3]).as("%s bucket %d count", where, k).isEqualTo(e[3]);
        }
    }

    private static double[] toDoubles(long[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
