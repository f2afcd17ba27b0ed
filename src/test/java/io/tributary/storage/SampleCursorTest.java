package io.tributary.storage;

import static io.tributary.storage.HeadFixtures.STALE_NAN;
import static io.tributary.storage.HeadFixtures.bits;
import static io.tributary.storage.HeadFixtures.scrape;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleCursorTest {
    private static final Labels API_UP = Labels.of("__name__", "up", "job", "api", "instance", "api-0:8080");

    @Test
    void onlySamplesInsideTheInclusiveRangeAreReturnedAcrossChunks() {
        SeriesChunks series = new SeriesChunks(API_UP, List.of(chunk(0, 119), chunk(120, 239)));

        assertThat(timestampsBetween(series, scrape(118), scrape(121)))
                .containsExactly(scrape(118), scrape(119), scrape(120), scrape(121));
    }

    @Test
    void aRangeBetweenTwoChunksHasNoSamples() {
        SeriesChunks series = new SeriesChunks(API_UP, List.of(chunk(0, 9), chunk(20, 29)));

        assertThat(timestampsBetween(series, scrape(10), scrape(19))).isEmpty();
    }

    @Test
    void aTimestampInTwoOverlappingChunksIsReturnedOnce() {
        SeriesChunks series = new SeriesChunks(API_UP, List.of(chunk(0, 9), chunk(5, 14)));

        assertThat(timestampsBetween(series, scrape(0), scrape(20))).hasSize(15).doesNotHaveDuplicates();
    }

    @Test
    void valuesComeBackBitForBitIncludingStaleMarkers() {
        XorChunk chunk = new XorChunk();
        chunk.append(scrape(0), bits(0.5));
        chunk.append(scrape(1), STALE_NAN);
        SampleCursor cursor = new SampleCursor(new SeriesChunks(API_UP, List.of(chunk.toStored())), 0, Long.MAX_VALUE);

        assertThat(cursor.next()).isTrue();
        assertThat(cursor.value()).isEqualTo(0.5);
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.valueBits()).isEqualTo(STALE_NAN);
        assertThat(cursor.next()).isFalse();
    }

    private static StoredChunk chunk(int first, int last) {
        XorChunk chunk = new XorChunk();
        for (int i = first; i <= last; i++) {
            chunk.append(scrape(i), bits(i));
        }
        return chunk.toStored();
    }

    private static List<Long> timestampsBetween(SeriesChunks series, long mint, long maxt) {
        List<Long> out = new ArrayList<>();
        SampleCursor cursor = new SampleCursor(series, mint, maxt);
        while (cursor.next()) {
            out.add(cursor.timestamp());
        }
        return out;
    }
}
