package io.tributary.storage;

import static io.tributary.storage.HeadFixtures.bits;
import static io.tributary.storage.HeadFixtures.samples;
import static io.tributary.storage.HeadFixtures.scrape;
import static io.tributary.storage.HeadFixtures.timestamps;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class MergedQuerierTest {
    private static final Labels API_UP = Labels.of("__name__", "up", "job", "api", "instance", "api-0:8080");
    private static final Labels CHECKOUT_UP = Labels.of("__name__", "up", "job", "checkout",
            "instance", "checkout-0:8080");
    private static final Labels QUEUE_LATENCY = Labels.of("__name__", "queue_wait_seconds", "job", "checkout");
    private static final long ALL = Long.MAX_VALUE;

    @Test
    void seriesFromDifferentSourcesAreInterleavedByLabels() {
        ChunkQuerier head = fixed(new SeriesChunks(CHECKOUT_UP, List.of(chunk(10, 12, 1.0))));
        ChunkQuerier block = fixed(new SeriesChunks(API_UP, List.of(chunk(0, 9, 1.0))));

        assertThat(new MergedQuerier(List.of(head, block)).select(0, ALL, List.of()))
                .extracting(SeriesChunks::labels).containsExactly(API_UP, CHECKOUT_UP);
    }

    @Test
    void oneSeriesInBlockAndHeadIsReturnedOnceWithChunksInTimeOrder() {
        ChunkQuerier head = fixed(new SeriesChunks(API_UP, List.of(chunk(120, 130, 1.0))));
        ChunkQuerier block = fixed(new SeriesChunks(API_UP, List.of(chunk(0, 119, 1.0))));

        List<SeriesChunks> merged = new MergedQuerier(List.of(head, block)).select(0, ALL, List.of());

        assertThat(merged).singleElement().satisfies(s -> {
            assertThat(s.chunks()).extracting(StoredChunk::minTime).containsExactly(scrape(0), scrape(120));
            assertThat(timestamps(s)).hasSize(131);
        });
    }

    @Test
    void aChunkHeldByBothTheHeadAndAFreshBlockIsReturnedOnce() {
        StoredChunk cutIntoBlock = chunk(0, 119, 1.0);
        ChunkQuerier head = fixed(new SeriesChunks(API_UP, List.of(cutIntoBlock, chunk(120, 125, 1.0))));
        ChunkQuerier block = fixed(new SeriesChunks(API_UP, List.of(cutIntoBlock)));

        SeriesChunks merged = new MergedQuerier(List.of(head, block)).select(0, ALL, List.of()).get(0);

        assertThat(merged.chunks()).hasSize(2).first().isSameAs(cutIntoBlock);
    }

    @Test
    void overlappingChunksAreReencodedSoEveryTimestampAppearsOnceAndTheFirstSourceWins() {
        ChunkQuerier head = fixed(new SeriesChunks(API_UP, List.of(chunk(50, 200, 2.0))));
        ChunkQuerier block = fixed(new SeriesChunks(API_UP, List.of(chunk(0, 99, 1.0))));

        SeriesChunks merged = new MergedQuerier(List.of(head, block)).select(0, ALL, List.of()).get(0);

        assertThat(timestamps(merged)).containsExactlyElementsOf(LongStream.rangeClosed(0, 200)
                .mapToObj(i -> scrape((int) i)).toList());
        assertThat(samples(merged)).filteredOn(s -> s[0] >= scrape(50)).allMatch(s -> s[1] == bits(2.0));
        assertThat(merged.chunks()).allMatch(c -> c.sampleCount() <= XorChunk.MAX_SAMPLES);
    }

    @Test
    void histogramsAreMergedInTimeOrderWithoutRepeats() {
        HistogramSample inBoth = new HistogramSample(scrape(1), new byte[] {0x08, 0x01});
        ChunkQuerier head = fixed(new SeriesChunks(QUEUE_LATENCY, List.of(),
                List.of(inBoth, new HistogramSample(scrape(3), new byte[] {0x08, 0x03}))));
        ChunkQuerier block = fixed(new SeriesChunks(QUEUE_LATENCY, List.of(),
                List.of(new HistogramSample(scrape(0), new byte[] {0x08, 0x00}), inBoth)));

        SeriesChunks merged = new MergedQuerier(List.of(head, block)).select(0, ALL, List.of()).get(0);

        assertThat(merged.histograms()).extracting(HistogramSample::timestamp)
                .containsExactly(scrape(0), scrape(1), scrape(3));
    }

    @Test
    void labelNamesAndValuesAreTheUnionOfTheSources() {
        ChunkQuerier head = fixed(new SeriesChunks(CHECKOUT_UP, List.of(chunk(10, 12, 1.0))));
        ChunkQuerier block = fixed(new SeriesChunks(QUEUE_LATENCY, List.of(chunk(0, 9, 1.0))));
        MergedQuerier merged = new MergedQuerier(List.of(head, block));

        assertThat(merged.labelNames(0, ALL, List.of())).containsExactly("__name__", "instance", "job");
        assertThat(merged.labelValues("__name__", 0, ALL, List.of())).containsExactly("queue_wait_seconds", "up");
    }

    @Test
    void theHeadAndAFreshBlockCutFromItReadAsOneCopy() {
        TenantHead tenant = new TenantHead("team-payments", HeadOptions.defaults());
        for (int i = 0; i < 300; i++) {
            tenant.appendFloat(API_UP, scrape(i), bits(i));
        }
        List<SeriesChunks> cut = tenant.chunksForRange(scrape(0), scrape(0) + HeadOptions.TWO_HOURS_MILLIS);

        SeriesChunks merged = new MergedQuerier(List.of(tenant.querier(), fixed(cut.toArray(SeriesChunks[]::new))))
                .select(0, ALL, List.of()).get(0);

        assertThat(timestamps(merged)).hasSize(300).doesNotHaveDuplicates();
    }

    /** A chunk with one sample per scrape from {@code first} to {@code last}, all of {@code value}. */
    private static StoredChunk chunk(int first, int last, double value) {
        XorChunk chunk = new XorChunk();
        for (int i = first; i <= last; i++) {
            chunk.append(scrape(i), bits(value));
        }
        return chunk.toStored();
    }

    /** A source answering with fixed series, as a block would. */
    private static ChunkQuerier fixed(SeriesChunks... series) {
        return new ChunkQuerier() {
            @Override
            public List<SeriesChunks> select(long mint, long maxt, List<LabelMatcher> matchers) {
                return List.of(series);
            }

            @Override
            public SortedSet<String> labelNames(long mint, long maxt, List<LabelMatcher> matchers) {
                SortedSet<String> names = new TreeSet<>();
                for (SeriesChunks s : series) {
                    names.addAll(s.labels().toMap().keySet());
                }
                return names;
            }

            @Override
            public SortedSet<String> labelValues(String name, long mint, long maxt, List<LabelMatcher> matchers) {
                SortedSet<String> values = new TreeSet<>();
                for (SeriesChunks s : series) {
                    if (!s.labels().get(name).isEmpty()) {
                        values.add(s.labels().get(name));
                    }
                }
                return values;
            }
        };
    }
}
