package io.tributary.storage;

import static io.tributary.storage.HeadFixtures.BLOCK_START;
import static io.tributary.storage.HeadFixtures.TWO_HOURS;
import static io.tributary.storage.HeadFixtures.bits;
import static io.tributary.storage.HeadFixtures.timestamps;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TenantHeadBlockCutTest {
    private static final long NEXT_BLOCK = BLOCK_START + TWO_HOURS;
    private static final Labels API_UP = Labels.of("__name__", "up", "job", "api", "instance", "api-0:8080");
    private static final Labels BATCH_UP = Labels.of("__name__", "up", "job", "batch", "instance", "batch-0:9100");
    private static final Labels CHECKOUT_UP = Labels.of("__name__", "up", "job", "checkout",
            "instance", "checkout-0:8080");
    private static final Labels QUEUE_LATENCY = Labels.of("__name__", "queue_wait_seconds", "job", "checkout");

    private final TenantHead head = new TenantHead("team-payments", new HeadOptions(TWO_HOURS, 0));

    @Test
    void aRangeHoldsTheChunksWhollyInsideItSortedByLabels() {
        scrapeEveryMinute(CHECKOUT_UP, BLOCK_START, NEXT_BLOCK + 10 * 60_000);
        scrapeEveryMinute(API_UP, BLOCK_START + 60 * 60_000, NEXT_BLOCK + 10 * 60_000);

        List<SeriesChunks> block = head.chunksForRange(BLOCK_START, NEXT_BLOCK);

        assertThat(block).extracting(SeriesChunks::labels).containsExactly(API_UP, CHECKOUT_UP);
        assertThat(timestamps(block.get(0))).hasSize(60).allMatch(t -> t < NEXT_BLOCK);
        assertThat(timestamps(block.get(1))).hasSize(120).allMatch(t -> t < NEXT_BLOCK);
    }

    @Test
    void theOpenChunkIsCopiedWhenItLiesInsideTheRange() {
        scrapeEveryMinute(API_UP, BLOCK_START, BLOCK_START + 10 * 60_000);

        SeriesChunks cut = head.chunksForRange(BLOCK_START, NEXT_BLOCK).get(0);
        head.appendFloat(API_UP, BLOCK_START + 11 * 60_000, bits(1));

        assertThat(timestamps(cut)).hasSize(10);
    }

    @Test
    void seriesWithoutDataInTheRangeAreLeftOut() {
        scrapeEveryMinute(API_UP, BLOCK_START, BLOCK_START + 10 * 60_000);
        scrapeEveryMinute(BATCH_UP, NEXT_BLOCK, NEXT_BLOCK + 10 * 60_000);

        assertThat(head.chunksForRange(BLOCK_START, NEXT_BLOCK)).extracting(SeriesChunks::labels)
                .containsExactly(API_UP);
    }

    @Test
    void aRangeHoldsTheHistogramSamplesInsideIt() {
        head.appendHistogram(QUEUE_LATENCY, NEXT_BLOCK - 1, new byte[] {0x08, 0x01});
        head.appendHistogram(QUEUE_LATENCY, NEXT_BLOCK, new byte[] {0x08, 0x02});

        assertThat(head.chunksForRange(BLOCK_START, NEXT_BLOCK)).singleElement()
                .satisfies(s -> assertThat(s.histograms()).extracting(HistogramSample::timestamp)
                        .containsExactly(NEXT_BLOCK - 1));
    }

    @Test
    void truncationDropsTheCutRangeAndKeepsTheRest() {
        scrapeEveryMinute(API_UP, BLOCK_START, NEXT_BLOCK + 10 * 60_000);
        head.appendHistogram(QUEUE_LATENCY, NEXT_BLOCK - 1, new byte[] {0x08, 0x01});
        head.appendHistogram(QUEUE_LATENCY, NEXT_BLOCK + 1, new byte[] {0x08, 0x02});

        head.truncateBefore(NEXT_BLOCK);

        List<SeriesChunks> left = head.querier().select(Long.MIN_VALUE, Long.MAX_VALUE, List.of());
        assertThat(left).extracting(SeriesChunks::labels).containsExactly(QUEUE_LATENCY, API_UP);
        assertThat(left.get(0).histograms()).extracting(HistogramSample::timestamp).containsExactly(NEXT_BLOCK + 1);
        assertThat(timestamps(left.get(1))).hasSize(10).allMatch(t -> t >= NEXT_BLOCK);
        assertThat(head.minTime()).isEqualTo(NEXT_BLOCK);
        assertThat(head.maxTime()).isEqualTo(NEXT_BLOCK + 9 * 60_000);
    }

    @Test
    void truncationRaisesTheMinValidTime() {
        head.truncateBefore(NEXT_BLOCK);

        assertThat(head.minValidTime()).isEqualTo(NEXT_BLOCK);
        assertThat(head.appendFloat(API_UP, NEXT_BLOCK - 1, bits(1))).isEqualTo(AppendOutcome.TOO_OLD);
    }

    @Test
    void seriesLeftEmptyLeaveTheHeadAndItsIndex() {
        scrapeEveryMinute(BATCH_UP, BLOCK_START, BLOCK_START + 10 * 60_000);
        scrapeEveryMinute(API_UP, BLOCK_START, NEXT_BLOCK + 10 * 60_000);

        head.truncateBefore(NEXT_BLOCK);

        ChunkQuerier querier = head.querier();
        assertThat(head.numSeries()).isEqualTo(1);
        assertThat(querier.labelValues("job", Long.MIN_VALUE, Long.MAX_VALUE, List.of())).containsExactly("api");
        assertThat(querier.select(Long.MIN_VALUE, Long.MAX_VALUE, List.of(LabelMatcher.equal("job", "batch"))))
                .isEmpty();
    }

    @Test
    void aTruncatedHeadWithNothingLeftIsEmpty() {
        scrapeEveryMinute(API_UP, BLOCK_START, BLOCK_START + 10 * 60_000);

        head.truncateBefore(NEXT_BLOCK);

        assertThat(head.numSeries()).isZero();
        assertThat(head.minTime()).isEqualTo(Long.MAX_VALUE);
        assertThat(head.maxTime()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aRemovedSeriesComesBackWhenScrapedAgain() {
        scrapeEveryMinute(BATCH_UP, BLOCK_START, BLOCK_START + 10 * 60_000);
        head.truncateBefore(NEXT_BLOCK);

        assertThat(head.appendFloat(BATCH_UP, NEXT_BLOCK, bits(1))).isEqualTo(AppendOutcome.APPENDED);

        assertThat(head.querier().select(NEXT_BLOCK, NEXT_BLOCK, List.of(LabelMatcher.equal("job", "batch"))))
                .extracting(SeriesChunks::labels).containsExactly(BATCH_UP);
        assertThat(head.minTime()).isEqualTo(NEXT_BLOCK);
    }

    private void scrapeEveryMinute(Labels series, long from, long toExclusive) {
        for (long t = from; t < toExclusive; t += 60_000) {
            assertThat(head.appendFloat(series, t, bits(t % 1000))).isEqualTo(AppendOutcome.APPENDED);
        }
    }
}
