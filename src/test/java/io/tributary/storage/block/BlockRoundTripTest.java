package io.tributary.storage.block;

import static io.tributary.storage.LabelMatcher.Type.EQUAL;
import static io.tributary.storage.LabelMatcher.Type.NOT_EQUAL;
import static io.tributary.storage.LabelMatcher.Type.NOT_REGEX;
import static io.tributary.storage.LabelMatcher.Type.REGEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.tributary.storage.HistogramSample;
import io.tributary.storage.InvalidHistogramException;
import io.tributary.storage.LabelMatcher;
import io.tributary.storage.Labels;
import io.tributary.storage.SeriesChunks;
import io.tributary.storage.StoredChunk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BlockRoundTripTest {
    /** A two-hour block starting at 2023-11-14T22:00Z, as Prometheus aligns them. */
    static final long BLOCK_START = 1_699_999_200_000L;
    static final long BLOCK_END = BLOCK_START + 7_200_000L;
    static final long STEP = 15_000;

    @TempDir
    Path dir;

    private List<SeriesChunks> written;
    private BlockMeta meta;

    @BeforeEach
    void writeBlock() throws IOException {
        written = new ArrayList<>();
        for (String job : List.of("api", "db", "web")) {
            for (int instance = 0; instance < 4; instance++) {
                int seed = job.hashCode() + instance;
                written.add(Samples.series(
                        Labels.of("__name__", "http_requests_total", "job", job, "instance", "10.0.0." + instance + ":9100"),
                        Samples.regular(BLOCK_START, STEP, 300, i -> seed + i * 1.5)));
            }
        }
        // Starts late: only the second half of the block.
        written.add(Samples.series(Labels.of("__name__", "up", "job", "batch"),
                Samples.regular(BLOCK_START + 3_600_000, STEP, 100, i -> 1)));
        written.sort(Comparator.comparing(SeriesChunks::labels));
        meta = new BlockWriter(dir).write(ULID.derive(BLOCK_START, "tenant-a/0/" + BLOCK_START), BLOCK_START,
                BLOCK_END, BlockWriter.tenantLabels("tenant-a"), written);
    }

    @Test
    void metaRecordsRangeStatsCompactionAndThanosSection() throws IOException {
        assertThat(meta.minTime()).isEqualTo(BLOCK_START);
        assertThat(meta.maxTime()).isEqualTo(BLOCK_END);
        assertThat(meta.stats()).isEqualTo(new BlockMeta.Stats(12 * 300 + 100, 13, 12 * 3 + 1));
        assertThat(meta.compactionLevel()).isEqualTo(1);
        assertThat(meta.compactionSources()).containsExactly(meta.ulid());
        assertThat(meta.thanos().labels()).containsExactly(Map.entry("__org_id__", "tenant-a"));
        assertThat(meta.thanos().source()).isEqualTo("receive");
        assertThat(meta.thanos().files()).extracting(BlockMeta.File::relPath)
                .containsExactly("chunks/000001", "index", "meta.json");
        Path block = dir.resolve(meta.ulid().toString());
        assertThat(meta.thanos().files().get(0).sizeBytes()).isEqualTo(Files.size(block.resolve("chunks/000001")));
        assertThat(meta.thanos().files().get(1).sizeBytes()).isEqualTo(Files.size(block.resolve("index")));
        try (BlockReader reader = BlockReader.open(block)) {
            assertThat(reader.meta()).isEqualTo(meta);
        }
    }

    @Test
    void leavesOnlyTheFinishedBlockDirectory() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly(meta.ulid().toString());
        }
        try (Stream<Path> entries = Files.list(dir.resolve(meta.ulid().toString()))) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("chunks", "index", "meta.json", "tombstones");
        }
    }

    @Test
    void selectingEverythingReturnsEverySeriesWithItsChunksBitForBit() throws IOException {
        try (BlockReader reader = open()) {
            List<SeriesChunks> all = reader.select(Long.MIN_VALUE, Long.MAX_VALUE, List.of());
            assertThat(all).extracting(SeriesChunks::labels)
                    .containsExactlyElementsOf(written.stream().map(SeriesChunks::labels).toList());
            for (int i = 0; i < all.size(); i++) {
                assertChunksEqual(all.get(i).chunks(), written.get(i).chunks());
            }
        }
    }

    static Stream<Arguments> matcherCases() {
        return Stream.of(
                Arguments.of("an equality matcher uses one postings list",
                        List.of(m(EQUAL, "job", "db")), 4),
                Arguments.of("two equality matchers intersect",
                        List.of(m(EQUAL, "job", "db"), m(EQUAL, "instance", "10.0.0.2:9100")), 1),
                Arguments.of("a regex scans the label's values",
                        List.of(m(REGEX, "job", "api|web")), 8),
                Arguments.of("a regex is anchored",
                        List.of(m(REGEX, "job", "ap")), 0),
                Arguments.of("a negative matcher filters",
                        List.of(m(EQUAL, "__name__", "http_requests_total"), m(NOT_EQUAL, "job", "api")), 8),
                Arguments.of("a negative regex filters",
                        List.of(m(NOT_REGEX, "job", "api|db")), 5),
                Arguments.of("an empty equality selects series without the label",
                        List.of(m(EQUAL, "instance", "")), 1),
                Arguments.of("a non-empty regex requires the label",
                        List.of(m(REGEX, "instance", ".+")), 12),
                Arguments.of("an unknown value matches nothing",
                        List.of(m(EQUAL, "job", "mail")), 0),
                Arguments.of("an unknown label name matches nothing",
                        List.of(m(EQUAL, "region", "eu")), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matcherCases")
    void matchersSelectTheSameSeriesAsALinearScan(String name, List<LabelMatcher> matchers, int expected)
            throws IOException {
        try (BlockReader reader = open()) {
            List<Labels> selected = reader.select(BLOCK_START, BLOCK_END, matchers).stream()
                    .map(SeriesChunks::labels).toList();
            List<Labels> scanned = written.stream().map(SeriesChunks::labels)
                    .filter(l -> matchers.stream().allMatch(m -> m.matches(l.get(m.name())))).toList();
            assertThat(selected).hasSize(expected).containsExactlyElementsOf(scanned);
        }
    }

    @Test
    void onlyChunksOverlappingTheInclusiveRangeAreReturned() throws IOException {
        try (BlockReader reader = open()) {
            // The second chunk of each 300-sample series covers samples 120..239.
            long secondChunkStart = BLOCK_START + 120 * STEP;
            long secondChunkEnd = BLOCK_START + 239 * STEP;
            List<SeriesChunks> hit = reader.select(secondChunkStart, secondChunkEnd,
                    List.of(m(EQUAL, "job", "api"), m(EQUAL, "instance", "10.0.0.0:9100")));
            assertThat(hit).hasSize(1);
            assertThat(hit.get(0).chunks()).extracting(StoredChunk::minTime, StoredChunk::maxTime)
                    .containsExactly(tuple(secondChunkStart, secondChunkEnd));

            List<SeriesChunks> edges = reader.select(secondChunkEnd, secondChunkEnd + STEP,
                    List.of(m(EQUAL, "job", "api"), m(EQUAL, "instance", "10.0.0.0:9100")));
            assertThat(edges.get(0).chunks()).extracting(StoredChunk::minTime)
                    .containsExactly(secondChunkStart, secondChunkEnd + STEP);
        }
    }

    @Test
    void seriesWithoutChunksInTheRangeAreLeftOut() throws IOException {
        try (BlockReader reader = open()) {
            assertThat(reader.select(BLOCK_START, BLOCK_START + 3_599_999, List.of(m(EQUAL, "__name__", "up"))))
                    .isEmpty();
            assertThat(reader.select(BLOCK_END, Long.MAX_VALUE, List.of())).isEmpty();
            assertThat(reader.select(Long.MIN_VALUE, BLOCK_START - 1, List.of())).isEmpty();
            assertThat(reader.labelValues("job", BLOCK_START, BLOCK_START + 1, List.of()))
                    .containsExactly("api", "db", "web");
        }
    }

    @Test
    void labelNamesAndValuesFollowTheSelectedSeries() throws IOException {
        try (BlockReader reader = open()) {
            assertThat(reader.labelNames(Long.MIN_VALUE, Long.MAX_VALUE, List.of()))
                    .containsExactly("__name__", "instance", "job");
            assertThat(reader.labelNames(BLOCK_START, BLOCK_END, List.of(m(EQUAL, "__name__", "up"))))
                    .containsExactly("__name__", "job");
            assertThat(reader.labelValues("job", Long.MIN_VALUE, Long.MAX_VALUE, List.of()))
                    .containsExactly("api", "batch", "db", "web");
            assertThat(reader.labelValues("instance", BLOCK_START, BLOCK_END, List.of(m(EQUAL, "job", "db"))))
                    .containsExactly("10.0.0.0:9100", "10.0.0.1:9100", "10.0.0.2:9100", "10.0.0.3:9100");
            assertThat(reader.labelValues("instance", BLOCK_START, BLOCK_END, List.of(m(EQUAL, "job", "batch"))))
                    .isEmpty();
            assertThat(reader.labelValues("region", Long.MIN_VALUE, Long.MAX_VALUE, List.of())).isEmpty();
        }
    }

    @Test
    void aClosedReaderRefusesQueries() throws IOException {
        BlockReader reader = open();
        reader.close();
        assertThatThrownBy(() -> reader.select(BLOCK_START, BLOCK_END, List.of()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rebuildingWithTheSameDerivedIdReplacesTheBlockWithIdenticalFiles() throws IOException {
        Path block = dir.resolve(meta.ulid().toString());
        byte[] index = Files.readAllBytes(block.resolve("index"));
        byte[] chunks = Files.readAllBytes(block.resolve("chunks/000001"));
        byte[] metaJson = Files.readAllBytes(block.resolve("meta.json"));

        BlockMeta again = new BlockWriter(dir).write(ULID.derive(BLOCK_START, "tenant-a/0/" + BLOCK_START),
                BLOCK_START, BLOCK_END, BlockWriter.tenantLabels("tenant-a"), written);

        assertThat(again.ulid()).isEqualTo(meta.ulid());
        assertThat(Files.readAllBytes(block.resolve("index"))).isEqualTo(index);
        assertThat(Files.readAllBytes(block.resolve("chunks/000001"))).isEqualTo(chunks);
        assertThat(Files.readAllBytes(block.resolve("meta.json"))).isEqualTo(metaJson);
    }

    @Test
    void chunksSpillIntoFurtherSegmentsAtTheSegmentSize(@TempDir Path other) throws IOException {
        BlockMeta small = new BlockWriter(other, "tributary", 1024).write(ULID.generate(BLOCK_START),
                BLOCK_START, BLOCK_END, Map.of(), written);
        assertThat(small.thanos().files()).extracting(BlockMeta.File::relPath)
                .contains("chunks/000001", "chunks/000002", "chunks/000003");
        assertThat(small.thanos().files()).filteredOn(f -> f.relPath().startsWith("chunks/"))
                .allSatisfy(f -> assertThat(f.sizeBytes()).isLessThanOrEqualTo(1024));
        try (BlockReader reader = BlockReader.open(other.resolve(small.ulid().toString()))) {
            List<SeriesChunks> all = reader.select(Long.MIN_VALUE, Long.MAX_VALUE, List.of());
            for (int i = 0; i < all.size(); i++) {
                assertChunksEqual(all.get(i).chunks(), written.get(i).chunks());
            }
        }
    }

    @Test
    void seriesWithNeitherChunksNorHistogramsAreSkipped(@TempDir Path other) throws IOException {
        List<SeriesChunks> input = List.of(
                new SeriesChunks(Labels.of("__name__", "idle"), List.of()),
                new SeriesChunks(Labels.of("__name__", "latency_seconds"), written.get(0).chunks()));
        BlockMeta m = new BlockWriter(other).write(ULID.generate(BLOCK_START), BLOCK_START, BLOCK_END, Map.of(),
                input);
        assertThat(m.stats().numSeries()).isEqualTo(1);
        try (BlockReader reader = BlockReader.open(other.resolve(m.ulid().toString()))) {
            List<SeriesChunks> all = reader.select(Long.MIN_VALUE, Long.MAX_VALUE, List.of());
            assertThat(all).extracting(SeriesChunks::labels).containsExactly(Labels.of("__name__", "latency_seconds"));
        }
    }

    @Test
    void aHistogramThatCannotBeStoredRefusesTheBlockAndLeavesNothingBehind(@TempDir Path other) {
        List<SeriesChunks> input = List.of(new SeriesChunks(Labels.of("__name__", "latency_seconds"), List.of(),
                List.of(new HistogramSample(BLOCK_START, new byte[] {1, 2, 3}))));
        assertThatThrownBy(() -> new BlockWriter(other).write(ULID.generate(BLOCK_START), BLOCK_START, BLOCK_END,
                Map.of(), input))
                .isInstanceOf(InvalidHistogramException.class)
                .hasMessage("histogram at " + BLOCK_START + ": histogram message ends inside unknown field 0");
        assertThat(other.toFile().list()).isEmpty();
    }

    @Test
    void anEmptyBlockIsValidAndSelectsNothing(@TempDir Path other) throws IOException {
        BlockMeta m = new BlockWriter(other).write(ULID.generate(BLOCK_START), BLOCK_START, BLOCK_END, Map.of(),
                List.of());
        try (BlockReader reader = BlockReader.open(other.resolve(m.ulid().toString()))) {
            assertThat(reader.select(Long.MIN_VALUE, Long.MAX_VALUE, List.of())).isEmpty();
            assertThat(reader.labelNames(Long.MIN_VALUE, Long.MAX_VALUE, List.of())).isEmpty();
        }
    }

    @Test
    void labelsOutsideTheBasicPlaneKeepPrometheusByteOrderAndStillMatch(@TempDir Path other) throws IOException {
        // U+FFFD sorts after U+1F600 (a surrogate pair) in Java's UTF-16 order, but before it in UTF-8 byte order.
        Labels emoji = Labels.of("__name__", "mood", "face", "\uD83D\uDE00");
        Labels replacement = Labels.of("__name__", "mood", "face", "\uFFFD");
        List<SeriesChunks> input = List.of(Samples.series(replacement, Samples.regular(BLOCK_START, STEP, 3, i -> 1)),
                Samples.series(emoji, Samples.regular(BLOCK_START, STEP, 3, i -> 2)));
        BlockMeta m = new BlockWriter(other).write(ULID.generate(BLOCK_START), BLOCK_START, BLOCK_END, Map.of(),
                input);
        try (BlockReader reader = BlockReader.open(other.resolve(m.ulid().toString()))) {
            assertThat(reader.select(BLOCK_START, BLOCK_END, List.of(m(EQUAL, "face", "\uD83D\uDE00"))))
                    .extracting(SeriesChunks::labels).containsExactly(emoji);
            assertThat(reader.select(BLOCK_START, BLOCK_END, List.of())).extracting(SeriesChunks::labels)
                    .containsExactly(emoji, replacement);
        }
        IndexReader index = IndexReader.open(other.resolve(m.ulid().toString()).resolve("index"));
        assertThat(index.series(index.allPostings()[0]).labels()).isEqualTo(replacement);
    }

    @Test
    void rejectsUnsortableInputAndLeavesNothingBehind(@TempDir Path other) {
        SeriesChunks series = written.get(0);
        assertThatThrownBy(() -> new BlockWriter(other).write(ULID.generate(BLOCK_START), BLOCK_START, BLOCK_END,
                Map.of(), List.of(series, series)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than once");
        assertThatThrownBy(() -> new BlockWriter(other).write(ULID.generate(BLOCK_START), BLOCK_START,
                BLOCK_START + 60_000, Map.of(), List.of(series)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside the block range");
        List<StoredChunk> reversed = new ArrayList<>(series.chunks());
        Collections.reverse(reversed);
        assertThatThrownBy(() -> new BlockWriter(other).write(ULID.generate(BLOCK_START), BLOCK_START, BLOCK_END,
                Map.of(), List.of(new SeriesChunks(series.labels(), reversed))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlaps or precedes");
        assertThat(other.toFile().list()).isEmpty();
    }

    private BlockReader open() throws IOException {
        return BlockReader.open(dir.resolve(meta.ulid().toString()));
    }

    private static LabelMatcher m(LabelMatcher.Type type, String name, String value) {
        return LabelMatcher.of(type, name, value);
    }

    private static void assertChunksEqual(List<StoredChunk> actual, List<StoredChunk> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            assertThat(actual.get(i).minTime()).isEqualTo(expected.get(i).minTime());
            assertThat(actual.get(i).maxTime()).isEqualTo(expected.get(i).maxTime());
            assertThat(actual.get(i).encoding()).isEqualTo(expected.get(i).encoding());
            assertThat(actual.get(i).data()).isEqualTo(expected.get(i).data());
        }
    }
}
