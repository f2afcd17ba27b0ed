package io.tributary.storage;

import java.util.ArrayList;
import java.util.List;

/** Shared data for the head tests: aligned two-hour blocks, a 15 s scrape interval and sample readers. */
final class HeadFixtures {
    static final long TWO_HOURS = HeadOptions.TWO_HOURS_MILLIS;
    /** 2023-11-14T22:00:00Z, the start of a two-hour block. */
    static final long BLOCK_START = 1_699_999_200_000L;
    static final long SCRAPE_INTERVAL = 15_000;
    static final long STALE_NAN = 0x7ff0000000000002L;

    private HeadFixtures() {
    }

    static long bits(double value) {
        return Double.doubleToRawLongBits(value);
    }

    static long scrape(int n) {
        return BLOCK_START + n * SCRAPE_INTERVAL;
    }

    /** Timestamp and value bits of every float sample, read with {@link SampleCursor} over all time. */
    static List<long[]> samples(SeriesChunks series) {
        List<long[]> out = new ArrayList<>();
        SampleCursor cursor = new SampleCursor(series, Long.MIN_VALUE, Long.MAX_VALUE);
        while (cursor.next()) {
            out.add(new long[] {cursor.timestamp(), cursor.valueBits()});
        }
        return out;
    }

    static List<Long> timestamps(SeriesChunks series) {
        return samples(series).stream().map(s -> s[0]).toList();
    }
}
