package io.tributary.storage.block;

import static io.tributary.storage.HistogramFixtures.counter;
import static io.tributary.storage.HistogramFixtures.spans;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.storage.BucketLayout;
import io.tributary.storage.ChunkEncoding;
import io.tributary.storage.HistogramFixtures;
import io.tributary.storage.HistogramMessageDecoder;
import io.tributary.storage.HistogramMessageEncoder;
import io.tributary.storage.HistogramSample;
import io.tributary.storage.LabelMatcher;
import io.tributary.storage.Labels;
import io.tributary.storage.NativeHistogram;
import io.tributary.storage.SeriesChunks;
import io.tributary.storage.XorChunk;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Native histograms go into blocks as histogram chunks and come back out of the reader as they went in. */
class HistogramBlockTest {
    static final long START = BlockRoundTripTest.BLOCK_START;
    static final long END = BlockRoundTripTest.BLOCK_END;
    static final long STEP = 15_000;
    private static final BucketLayout TWO_BUCKETS = new BucketLayout(0, 0, spans(0, 2), List.of(), new double[0]);

    @TempDir
    Path dir;

    @Test
    void mixedFloatAndHistogramSeriesRoundTripThroughABlock() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        List<SeriesChunks> input = new ArrayList<>();
        Map<Labels, List<NativeHistogram>> histograms = new TreeMap<>();
        long histogramSamples = 0;
        for (int s = 0; s < 40; s++) {
            Labels labels = Labels.of("__name__", "rpc_duration_seconds", "pod", "pod-" + s);
            HistogramFixtures.RandomSeries series = new HistogramFixtures.RandomSeries(random);
            List<NativeHistogram> written = new ArrayList<>();
            List<HistogramSample> samples = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(480); i++) {
                NativeHistogram h = series.next();
                written.add(h);
                samples.add(new HistogramSample(START + i * STEP, HistogramMessageEncoder.encode(h, START + i * STEP)));
            }
            histogramSamples += samples.size();
            histograms.put(labels, written);
            input.add(new SeriesChunks(labels, List.of(), samples));
        }
        for (int s = 0; s < 10; s++) {
            int seed = s;
            input.add(Samples.series(Labels.of("__name__", "up", "pod", "pod-" + s),
                    Samples.regular(START, STEP, 300, i -> seed + i)));
        }
        input.sort(Comparator.comparing(SeriesChunks::labels));

        BlockMeta meta = new BlockWriter(dir).write(ULID.generate(START), START, END, Map.of(), input);

        try (BlockReader reader = BlockReader.open(dir.resolve(meta.ulid().toString()))) {
            List<SeriesChunks> all = reader.select(Long.MIN_VALUE, Long.MAX_VALUE, List.of());
            assertThat(all).extracting(SeriesChunks::labels).containsExactlyElementsOf(
                    input.stream().map(SeriesChunks::labels).toList());
            long chunks = 0;
            for (SeriesChunks series : all) {
                chunks += series.chunks().size();
                List<NativeHistogram> expected = histograms.get(series.labels());
                if (expected == null) {
                    assertThat(series.histograms()).isEmpty();
                    assertThat(Samples.decode(series.chunks())).isEqualTo(Samples.regular(START, STEP, 300,
                            i -> Integer.parseInt(series.labels().get("pod").substring(4)) + i));
                    continue;
                }
                assertThat(series.chunks()).isEmpty();
                assertThat(series.histograms()).extracting(HistogramSample::timestamp)
                        .containsExactlyElementsOf(timestamps(expected.size()));
                for (int i = 0; i < expected.size(); i++) {
                    assertThat(HistogramFixtures.storedForm(HistogramMessageDecoder.decode(series.histograms().get(i)
                            .encoded()))).as("%s sample %d", series.labels(), i)
                            .isEqualTo(HistogramFixtures.storedForm(expected.get(i)));
                }
            }
            assertThat(meta.stats().numSamples()).isEqualTo(histogramSamples + 10 * 300);
            assertThat(meta.stats().numSeries()).isEqualTo(50);
            // Float chunks come back as chunks; histogram chunks come back decoded, so count them in the index.
            assertThat(meta.stats().numChunks()).isEqualTo(chunks + histogramChunks(meta));
        }
    }

    @Test
    void aSeriesThatTurnsFromFloatsToHistogramsAndBackGetsChunksThatDoNotOverlap() throws IOException {
        // The head keeps one XOR chunk open across the histograms in between, spanning them in time.
        XorChunk floats = new XorChunk();
        for (int i = 0; i < 10; i++) {
            floats.append(START + i * STEP, Double.doubleToRawLongBits(i));
        }
        for (int i = 20; i < 30; i++) {
            floats.append(START + i * STEP, Double.doubleToRawLongBits(i));
        }
        List<HistogramSample> histograms = new ArrayList<>();
        for (int i = 10; i < 20; i++) {
            histograms.add(sample(START + i * STEP, counter(TWO_BUCKETS, 0, i, i, i)));
        }
        Labels labels = Labels.of("__name__", "queue_wait_seconds");

        BlockMeta meta = new BlockWriter(dir).write(ULID.generate(START), START, END, Map.of(),
                List.of(new SeriesChunks(labels, List.of(floats.toStored()), histograms)));

        Path block = dir.resolve(meta.ulid().toString());
        IndexReader index = IndexReader.open(block.resolve("index"));
        List<IndexWriter.ChunkMeta> chunks = index.series(index.allPostings()[0]).chunks();
        assertThat(chunks).extracting(IndexWriter.ChunkMeta::minTime, IndexWriter.ChunkMeta::maxTime).containsExactly(
                org.assertj.core.groups.Tuple.tuple(START, START + 9 * STEP),
                org.assertj.core.groups.Tuple.tuple(START + 10 * STEP, START + 19 * STEP),
                org.assertj.core.groups.Tuple.tuple(START + 20 * STEP, START + 29 * STEP));
        try (BlockReader reader = BlockReader.open(block)) {
            SeriesChunks read = reader.select(START, END, List.of()).get(0);
            assertThat(Samples.decode(read.chunks())).extracting(Samples.Sample::timestamp).hasSize(20)
                    .doesNotContainAnyElementsOf(histograms.stream().map(HistogramSample::timestamp).toList());
            assertSameHistograms(read.histograms(), histograms);
        }
        assertThat(meta.stats().numSamples()).isEqualTo(30);
        assertThat(meta.stats().numChunks()).isEqualTo(3);
    }

    @Test
    void aQueryGetsTheHistogramsInsideItsRangeOnly() throws IOException {
        List<HistogramSample> histograms = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            histograms.add(sample(START + i * STEP, counter(TWO_BUCKETS, 0, i, i, i)));
        }
        Labels latency = Labels.of("__name__", "latency_seconds", "job", "api");
        BlockMeta meta = new BlockWriter(dir).write(ULID.generate(START), START, END, Map.of(),
                List.of(new SeriesChunks(latency, List.of(), histograms)));

        try (BlockReader reader = BlockReader.open(dir.resolve(meta.ulid().toString()))) {
            List<SeriesChunks> selected = reader.select(START + 100 * STEP, START + 130 * STEP,
                    List.of(LabelMatcher.of(LabelMatcher.Type.EQUAL, "job", "api")));
            assertThat(selected).hasSize(1);
            assertSameHistograms(selected.get(0).histograms(), histograms.subList(100, 131));
            assertThat(reader.select(START + 100 * STEP + 1, START + 101 * STEP - 1, List.of())).isEmpty();
            assertThat(reader.labelValues("job", START, END, List.of())).containsExactly("api");
        }
    }

    /** Same timestamps and histograms; reset hints are what the chunk headers say, so they are not compared. */
    private static void assertSameHistograms(List<HistogramSample> actual, List<HistogramSample> expected) {
        assertThat(actual).extracting(HistogramSample::timestamp)
                .containsExactlyElementsOf(expected.stream().map(HistogramSample::timestamp).toList());
        for (int i = 0; i < actual.size(); i++) {
            assertThat(HistogramFixtures.storedForm(HistogramMessageDecoder.decode(actual.get(i).encoded())))
                    .isEqualTo(HistogramFixtures.storedForm(HistogramMessageDecoder.decode(expected.get(i).encoded())));
        }
    }

    private static HistogramSample sample(long t, NativeHistogram h) {
        return new HistogramSample(t, HistogramMessageEncoder.encode(h, t));
    }

    private static List<Long> timestamps(int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(START + i * STEP);
        }
        return out;
    }

    private long histogramChunks(BlockMeta meta) throws IOException {
        Path block = dir.resolve(meta.ulid().toString());
        IndexReader index = IndexReader.open(block.resolve("index"));
        ChunkSegmentReader segments = ChunkSegmentReader.open(block.resolve("chunks"));
        long n = 0;
        for (int id : index.allPostings()) {
            for (IndexWriter.ChunkMeta c : index.series(id).chunks()) {
                byte encoding = segments.read(c.ref()).encoding();
                if (encoding == ChunkEncoding.HISTOGRAM || encoding == ChunkEncoding.FLOAT_HISTOGRAM) {
                    n++;
                }
            }
        }
        return n;
    }
}
