package io.tributary.storage;

import static io.tributary.storage.HeadFixtures.BLOCK_START;
import static io.tributary.storage.HeadFixtures.STALE_NAN;
import static io.tributary.storage.HeadFixtures.TWO_HOURS;
import static io.tributary.storage.HeadFixtures.bits;
import static io.tributary.storage.HeadFixtures.samples;
import static io.tributary.storage.HeadFixtures.scrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TenantHeadAppendTest {
    private static final Labels REQUESTS = Labels.of("__name__", "http_requests_total", "job", "api",
            "instance", "api-0:8080");
    private static final Labels UP = Labels.of("__name__", "up", "job", "api", "instance", "api-0:8080");
    private static final byte[] LATENCY_HISTOGRAM = {0x08, 0x2a, 0x11, 0, 0, 0, 0, 0, 0, (byte) 0xf0, 0x3f};
    private static final byte[] LATENCY_HISTOGRAM_LATER = {0x08, 0x2b, 0x11, 0, 0, 0, 0, 0, 0, 0, 0x40};

    private final TenantHead head = new TenantHead("team-payments", new HeadOptions(TWO_HOURS, 0));

    @Test
    void samplesInTimestampOrderAreAppended() {
        assertThat(head.appendFloat(REQUESTS, scrape(0), bits(1))).isEqualTo(AppendOutcome.APPENDED);
        assertThat(head.appendFloat(REQUESTS, scrape(1), bits(2))).isEqualTo(AppendOutcome.APPENDED);

        assertThat(samples(only(head))).extracting(s -> s[0]).containsExactly(scrape(0), scrape(1));
        assertThat(head.numSeries()).isEqualTo(1);
    }

    @Test
    void aSampleOlderThanTheSeriesLastOneIsOutOfOrder() {
        head.appendFloat(REQUESTS, scrape(5), bits(5));

        assertThat(head.appendFloat(REQUESTS, scrape(4), bits(4))).isEqualTo(AppendOutcome.OUT_OF_ORDER);
    }

    @Test
    void orderIsPerSeriesSoAnotherSeriesMayBeBehind() {
        head.appendFloat(REQUESTS, scrape(5), bits(5));

        assertThat(head.appendFloat(UP, scrape(1), bits(1))).isEqualTo(AppendOutcome.APPENDED);
    }

    @Test
    void aResentSampleWithTheSameTimestampAndValueIsIgnoredSilently() {
        head.appendFloat(REQUESTS, scrape(1), bits(42));

        assertThat(head.appendFloat(REQUESTS, scrape(1), bits(42))).isEqualTo(AppendOutcome.DUPLICATE_IGNORED);
        assertThat(samples(only(head))).hasSize(1);
    }

    @Test
    void aNewValueForTheLastTimestampIsRefused() {
        head.appendFloat(REQUESTS, scrape(1), bits(42));

        assertThat(head.appendFloat(REQUESTS, scrape(1), bits(43)))
                .isEqualTo(AppendOutcome.DUPLICATE_DIFFERENT_VALUE);
    }

    @Test
    void aDifferentNanPayloadAtTheSameTimestampIsANewValue() {
        head.appendFloat(REQUESTS, scrape(1), bits(Double.NaN));

        assertThat(head.appendFloat(REQUESTS, scrape(1), STALE_NAN))
                .isEqualTo(AppendOutcome.DUPLICATE_DIFFERENT_VALUE);
    }

    @Test
    void samplesBelowTheMinValidTimeAreTooOldForNewAndExistingSeries() {
        head.appendFloat(REQUESTS, scrape(10), bits(1));
        head.setMinValidTime(scrape(20));

        assertThat(head.appendFloat(REQUESTS, scrape(19), bits(2))).isEqualTo(AppendOutcome.TOO_OLD);
        assertThat(head.appendFloat(UP, scrape(19), bits(1))).isEqualTo(AppendOutcome.TOO_OLD);
        assertThat(head.numSeries()).as("a refused sample creates no series").isEqualTo(1);
        assertThat(head.appendFloat(REQUESTS, scrape(20), bits(3))).isEqualTo(AppendOutcome.APPENDED);
    }

    @Test
    void theMinValidTimeIsNeverLowered() {
        head.setMinValidTime(scrape(20));
        head.setMinValidTime(scrape(10));

        assertThat(head.minValidTime()).isEqualTo(scrape(20));
    }

    @Test
    void aStaleMarkerIsKeptBitForBit() {
        head.appendFloat(UP, scrape(0), bits(1));
        head.appendFloat(UP, scrape(1), STALE_NAN);

        assertThat(samples(only(head)).get(1)[1]).isEqualTo(STALE_NAN);
    }

    @Test
    void floatsAndHistogramsOfOneSeriesShareOneOrder() {
        head.appendHistogram(REQUESTS, scrape(5), LATENCY_HISTOGRAM);

        assertThat(head.appendFloat(REQUESTS, scrape(4), bits(1))).isEqualTo(AppendOutcome.OUT_OF_ORDER);
        assertThat(head.appendFloat(REQUESTS, scrape(5), bits(1)))
                .isEqualTo(AppendOutcome.DUPLICATE_DIFFERENT_VALUE);
        assertThat(head.appendFloat(REQUESTS, scrape(6), bits(1))).isEqualTo(AppendOutcome.APPENDED);
        assertThat(head.appendHistogram(REQUESTS, scrape(6), LATENCY_HISTOGRAM))
                .isEqualTo(AppendOutcome.DUPLICATE_DIFFERENT_VALUE);
    }

    @Test
    void aHistogramABlockCouldNotStoreIsRefusedWithoutCreatingTheSeries() {
        // count_int 1 and a positive span of two buckets, but no bucket deltas.
        byte[] spansWithoutBuckets = {0x08, 0x01, 0x5a, 0x02, 0x10, 0x02};
        byte[] notAHistogram = {0x0a, (byte) 0xff};

        assertThat(head.appendHistogram(REQUESTS, scrape(1), spansWithoutBuckets))
                .isEqualTo(AppendOutcome.INVALID_HISTOGRAM);
        assertThat(head.appendHistogram(REQUESTS, scrape(2), notAHistogram)).isEqualTo(AppendOutcome.INVALID_HISTOGRAM);
        assertThat(AppendOutcome.INVALID_HISTOGRAM.reason()).isEqualTo("invalid-native-histogram");
        assertThat(head.numSeries()).isZero();
    }

    @Test
    void aResentHistogramIsIgnoredAndAChangedOneAtTheSameTimestampRefused() {
        head.appendHistogram(REQUESTS, scrape(1), LATENCY_HISTOGRAM);

        assertThat(head.appendHistogram(REQUESTS, scrape(1), LATENCY_HISTOGRAM.clone()))
                .isEqualTo(AppendOutcome.DUPLICATE_IGNORED);
        assertThat(head.appendHistogram(REQUESTS, scrape(1), LATENCY_HISTOGRAM_LATER))
                .isEqualTo(AppendOutcome.DUPLICATE_DIFFERENT_VALUE);
        assertThat(head.appendHistogram(REQUESTS, scrape(2), LATENCY_HISTOGRAM_LATER))
                .isEqualTo(AppendOutcome.APPENDED);
        assertThat(only(head).histograms()).containsExactly(new HistogramSample(scrape(1), LATENCY_HISTOGRAM),
                new HistogramSample(scrape(2), LATENCY_HISTOGRAM_LATER));
    }

    @Test
    void aNewSeriesBeyondTheLimitIsRefusedWhileExistingSeriesKeepAppending() {
        TenantHead limited = new TenantHead("team-payments", new HeadOptions(TWO_HOURS, 2));
        limited.appendFloat(REQUESTS, scrape(0), bits(1));
        limited.appendFloat(UP, scrape(0), bits(1));

        Labels third = Labels.of("__name__", "up", "job", "api", "instance", "api-1:8080");
        assertThat(limited.appendFloat(third, scrape(0), bits(1))).isEqualTo(AppendOutcome.SERIES_LIMIT);
        assertThat(limited.appendHistogram(third, scrape(0), LATENCY_HISTOGRAM)).isEqualTo(AppendOutcome.SERIES_LIMIT);
        assertThat(limited.appendFloat(UP, scrape(1), bits(1))).isEqualTo(AppendOutcome.APPENDED);
        assertThat(limited.numSeries()).isEqualTo(2);
    }

    @Test
    void truncatingAnIdleSeriesFreesItsSlotUnderTheLimit() {
        TenantHead limited = new TenantHead("team-payments", new HeadOptions(TWO_HOURS, 1));
        limited.appendFloat(REQUESTS, scrape(0), bits(1));
        Labels replacement = Labels.of("__name__", "up", "job", "api", "instance", "api-1:8080");

        limited.truncateBefore(BLOCK_START + TWO_HOURS);

        assertThat(limited.appendFloat(replacement, BLOCK_START + TWO_HOURS, bits(1)))
                .isEqualTo(AppendOutcome.APPENDED);
    }

    @Test
    void aChunkIsCutAfter120Samples() {
        for (int i = 0; i < 250; i++) {
            head.appendFloat(UP, scrape(i), bits(1));
        }

        List<StoredChunk> chunks = only(head).chunks();
        assertThat(chunks).extracting(StoredChunk::sampleCount).containsExactly(120, 120, 10);
        assertThat(chunks.get(1).minTime()).isEqualTo(scrape(120));
    }

    @Test
    void aChunkIsCutAtABlockBoundarySoNoneSpansTwoBlocks() {
        long beforeBoundary = BLOCK_START + TWO_HOURS - 30_000;
        for (long t = beforeBoundary; t < BLOCK_START + TWO_HOURS + 30_000; t += 15_000) {
            head.appendFloat(UP, t, bits(1));
        }

        assertThat(only(head).chunks()).extracting(StoredChunk::minTime, StoredChunk::maxTime).containsExactly(
                tuple(beforeBoundary, BLOCK_START + TWO_HOURS - 15_000),
                tuple(BLOCK_START + TWO_HOURS, BLOCK_START + TWO_HOURS + 15_000));
    }

    @Test
    void anEmptyHeadHasAnEmptyTimeRange() {
        assertThat(head.minTime()).isEqualTo(Long.MAX_VALUE);
        assertThat(head.maxTime()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void theTimeRangeCoversFloatsAndHistogramsOfAllSeries() {
        head.appendFloat(REQUESTS, scrape(3), bits(1));
        head.appendHistogram(UP, scrape(1), LATENCY_HISTOGRAM);
        head.appendFloat(UP, scrape(9), bits(1));

        assertThat(head.minTime()).isEqualTo(scrape(1));
        assertThat(head.maxTime()).isEqualTo(scrape(9));
    }

    @ParameterizedTest(name = "{0} is counted as {1}")
    @CsvSource({
        "OUT_OF_ORDER, sample-out-of-order, true",
        "DUPLICATE_DIFFERENT_VALUE, new-value-for-timestamp, true",
        "TOO_OLD, sample-out-of-bounds, true",
        "SERIES_LIMIT, per_user_series_limit, true",
        "DUPLICATE_IGNORED, duplicate-sample, false",
        "APPENDED, appended, false"
    })
    void outcomesCarryMimirsDiscardReasons(AppendOutcome outcome, String reason, boolean dataError) {
        assertThat(outcome.reason()).isEqualTo(reason);
        assertThat(outcome.isDataError()).isEqualTo(dataError);
    }

    private static SeriesChunks only(TenantHead head) {
        List<SeriesChunks> all = head.querier().select(Long.MIN_VALUE, Long.MAX_VALUE, List.of());
        assertThat(all).hasSize(1);
        return all.get(0);
    }
}
