package io.tributary.storage.block;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.storage.BucketLayout;
import io.tributary.storage.HistogramFixtures;
import io.tributary.storage.Labels;
import io.tributary.storage.NativeHistogram;
import io.tributary.storage.SeriesChunks;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToDoubleFunction;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus itself reads our blocks: {@code promtool tsdb list / analyze / dump} (Prometheus 2.42 here) must
 * accept the block and give back exactly the samples written. Skipped where promtool is not installed.
 */
class PromtoolBlockTest {
    static final long START = BlockRoundTripTest.BLOCK_START;
    static final long END = BlockRoundTripTest.BLOCK_END;
    static final long STEP = 15_000;
    static final int SAMPLES_PER_SERIES = 300; // three chunks of at most 120

    static Path promtool;

    @TempDir
    Path tsdb;

    private final List<SeriesChunks> series = new ArrayList<>();
    private final Map<String, List<Samples.Sample>> expected = new TreeMap<>();
    private BlockMeta meta;

    @BeforeAll
    static void findPromtool() {
        promtool = onPath("promtool").orElse(null);
        Assumptions.assumeTrue(promtool != null, "promtool is not on PATH");
    }

    @BeforeEach
    void writeBlock() throws IOException {
        String[] cities = {"zürich", "東京", "oslo"};
        for (String job : List.of("api", "db", "web")) {
            for (int instance = 0; instance < 10; instance++) {
                double base = job.length() * 1000 + instance;
                add(Labels.of("__name__", "http_requests_total", "job", job, "instance", "10.0.0." + instance + ":9100",
                        "city", cities[instance % 3]), i -> base + i * 1.5);
            }
        }
        for (int instance = 0; instance < 10; instance++) {
            int phase = instance;
            add(Labels.of("__name__", "node_load1", "instance", "10.0.0." + instance + ":9100"),
                    i -> Math.sin((i + phase) / 10.0) * 3 - 0.25);
        }
        // A target that disappears mid-block and comes back: Prometheus writes a stale marker.
        add(Labels.of("__name__", "up", "job", "flaky"),
                i -> i == 150 ? Double.longBitsToDouble(Samples.STALE_NAN) : 1);
        add(Labels.of("__name__", "extremes"), i -> switch (i % 4) {
            case 0 -> Double.POSITIVE_INFINITY;
            case 1 -> Double.NEGATIVE_INFINITY;
            case 2 -> -0.0;
            default -> Double.MAX_VALUE / (i + 1);
        });
        // U+FFFD comes before U+1F600 in Prometheus's byte order but after it in Java's UTF-16 order.
        add(Labels.of("__name__", "mood", "face", "\uD83D\uDE00"), i -> 1);
        add(Labels.of("__name__", "mood", "face", "\uFFFD"), i -> 2);
        // Native histograms in three histogram chunks: promtool lists and analyzes them with the rest, but the
        // dump of 2.42 prints float samples only, so they are not in `expected` (PrometheusHistogramBlockTest
        // checks their values with a real Prometheus).
        BucketLayout layout = new BucketLayout(2, 0, HistogramFixtures.spans(-1, 3), List.of(), new double[0]);
        NativeHistogram[] latencies = new NativeHistogram[SAMPLES_PER_SERIES];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = HistogramFixtures.counter(layout, i, 0.5 * i, i, 2L * i, 3L * i);
        }
        series.add(new SeriesChunks(Labels.of("__name__", "rpc_duration_seconds", "job", "api"), List.of(),
                HistogramFixtures.samples(START, STEP, latencies)));
        series.sort(Comparator.comparing(SeriesChunks::labels));
        meta = new BlockWriter(tsdb).write(ULID.generate(START), START, END, BlockWriter.tenantLabels("tenant-a"),
                series);
    }

    @Test
    void listShowsTheBlockWithItsStats() throws Exception {
        String out = promtool("tsdb", "list", "-r", tsdb.toString());
        String row = out.lines().filter(l -> l.startsWith(meta.ulid().toString())).findFirst().orElseThrow();
        String[] columns = row.trim().split(" {2,}");
        // BLOCK ULID, MIN TIME, MAX TIME, DURATION, NUM SAMPLES, NUM CHUNKS, NUM SERIES, SIZE
        assertThat(columns[1]).isEqualTo("2023-11-14 22:00:00 +0000 UTC");
        assertThat(columns[3]).isEqualTo("2h0m0s");
        assertThat(columns[4]).isEqualTo(Long.toString(series.size() * (long) SAMPLES_PER_SERIES));
        assertThat(columns[5]).isEqualTo(Long.toString(series.size() * 3L));
        assertThat(columns[6]).isEqualTo(Integer.toString(series.size()));
    }

    @Test
    void analyzeReadsTheIndexAndChunks() throws Exception {
        String out = promtool("tsdb", "analyze", "--extended", tsdb.toString(), meta.ulid().toString());
        assertThat(out).contains("Block ID: " + meta.ulid(), "Series: " + series.size(), "Label names: 5");
        // Every series spans the block's first to last scrape, so none churns.
        assertThat(out).contains("0 __name__=http_requests_total");
    }

    @Test
    void dumpGivesBackExactlyTheSamplesWritten() throws Exception {
        String out = promtool("tsdb", "dump", "--min-time=" + START, "--max-time=" + (END - 1), tsdb.toString());
        assertThat(parseDump(out)).isEqualTo(expectedWhere(t -> true));
    }

    @Test
    void dumpOfATimeRangeGivesTheSamplesInsideItInclusive() throws Exception {
        long min = START + 100 * STEP + 1;
        long max = START + 200 * STEP;
        String out = promtool("tsdb", "dump", "--min-time=" + min, "--max-time=" + max, tsdb.toString());
        assertThat(parseDump(out)).isEqualTo(expectedWhere(t -> t >= min && t <= max));
    }

    @Test
    void chunkReferencesIntoLaterSegmentsResolve(@TempDir Path other) throws Exception {
        BlockMeta small = new BlockWriter(other, "tributary", 8192).write(ULID.generate(START), START, END, Map.of(),
                series);
        assertThat(small.thanos().files()).extracting(BlockMeta.File::relPath).contains("chunks/000004");
        String out = promtool("tsdb", "dump", "--min-time=" + START, "--max-time=" + (END - 1), other.toString());
        assertThat(parseDump(out)).isEqualTo(expectedWhere(t -> true));
    }

    @Test
    void prometheusFindsValuesByItsOwnByteOrder() throws Exception {
        // The lookup binary-searches the postings offset table; Java-ordered values would not be found.
        String out = dumpBlock("{face=\"\\uFFFD\"}");
        assertThat(parseDump(out).keySet()).containsExactly("{__name__=\"mood\", face=\"\uFFFD\"}");
        out = dumpBlock("{city=\"\\u6771\\u4eac\",job=\"db\"}");
        assertThat(parseDump(out).keySet()).hasSize(3);
    }

    /**
     * Dumps the block's whole range. An unbounded dump would also open the head, and fail: our test TSDB directory
     * has no write-ahead log.
     */
    private String dumpBlock(String match) throws IOException, InterruptedException {
        return promtool("tsdb", "dump", "--match=" + match, "--min-time=" + START, "--max-time=" + (END - 1),
                tsdb.toString());
    }

    private void add(Labels labels, IntToDoubleFunction value) {
        List<Samples.Sample> samples = Samples.regular(START, STEP, SAMPLES_PER_SERIES, value);
        series.add(Samples.series(labels, samples));
        expected.put(goString(labels), samples);
    }

    private Map<String, List<Map.Entry<Long, Double>>> expectedWhere(LongPredicate keep) {
        Map<String, List<Map.Entry<Long, Double>>> out = new TreeMap<>();
        expected.forEach((labels, samples) -> {
            List<Map.Entry<Long, Double>> kept = samples.stream().filter(s -> keep.test(s.timestamp()))
                    .map(s -> Map.entry(s.timestamp(), s.value())).toList();
            if (!kept.isEmpty()) {
                out.put(labels, kept);
            }
        });
        return out;
    }

    /**
     * Parses dump lines, {@code {labels} value timestamp}, into samples per series (values as Doubles, whose
     * equality treats every NaN alike: the dump prints stale markers as plain NaN).
     */
    private static Map<String, List<Map.Entry<Long, Double>>> parseDump(String out) {
        Map<String, List<Map.Entry<Long, Double>>> parsed = new TreeMap<>();
        out.lines().filter(l -> l.startsWith("{")).forEach(line -> {
            int lastSpace = line.lastIndexOf(' ');
            int valueSpace = line.lastIndexOf(' ', lastSpace - 1);
            String labels = line.substring(0, valueSpace);
            double value = switch (line.substring(valueSpace + 1, lastSpace)) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(line.substring(valueSpace + 1, lastSpace));
            };
            long timestamp = Long.parseLong(line.substring(lastSpace + 1));
            parsed.computeIfAbsent(labels, k -> new ArrayList<>()).add(Map.entry(timestamp, value));
        });
        return parsed;
    }

    /** Prometheus's {@code labels.String()} for values that need no escaping. */
    private static String goString(Labels labels) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < labels.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(labels.name(i)).append("=\"").append(labels.value(i)).append('"');
        }
        return sb.append('}').toString();
    }

    /** Runs promtool, failing the test on a non-zero exit or any complaint on stderr. */
    private static String promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(promtool.toString());
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile("promtool", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            byte[] out = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
            String errors = Files.readString(stderr);
            assertThat(process.exitValue()).as("exit status of %s; stderr: %s", command, errors).isZero();
            assertThat(errors).as("stderr of %s", command).isBlank();
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
