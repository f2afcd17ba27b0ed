package io.tributary.consumer;

/**
 * How concurrent fetching cuts a backlog into wants and sizes each fetcher's requests, from
 * {@code fetch-concurrency-max}, {@code max-buffered-bytes} and the current bytes-per-record estimate.
 * <p>
 * A want aims at {@link #WANT_BYTES} (or {@code max-buffered-bytes} over the fetchers, when smaller), that is
 * {@code WANT_BYTES / estimate} records, and is read in about {@link #FETCHES_PER_WANT} requests: the Java consumer
 * sends its next fetch as soon as a poll returns data, so each want costs one request past its end that is thrown
 * away; over four requests that waste is a fifth instead of half. MaxBytes follows Mimir: the estimate times the
 * records wanted over the requests per want, plus 5% so a slightly larger batch still comes in one request, at
 * least 1 MB and at most {@code max-buffered-bytes}. The estimate must count what the broker counts against
 * MaxBytes (compressed bytes for Kafka, uncompressed for WarpStream); otherwise a want takes more requests than
 * planned.
 */
record FetchSizing(int concurrency, long maxBufferedBytes) {
    static final long WANT_BYTES = 4L << 20;
    static final int FETCHES_PER_WANT = 4;
    static final int MIN_FETCH_BYTES = 1_000_000;
    static final long MAX_RECORDS_PER_WANT = 100_000;
    /** Concurrent fetching starts when at least this many wants are behind: less is not worth K more consumers. */
    static final int WANTS_BEHIND_TO_START = 2;
    private static final double OVER_FETCH = 1.05;

    boolean enabled() {
        return concurrency > 0;
    }

    /** Records per want: about {@link #WANT_BYTES} (less when max-buffered-bytes cannot hold one per fetcher). */
    long recordsPerWant(double bytesPerRecord) {
        long wantBytes = WANT_BYTES;
        if (maxBufferedBytes > 0 && concurrency > 0) {
            wantBytes = Math.min(wantBytes, Math.max(1, maxBufferedBytes / concurrency));
        }
        long records = (long) Math.floor(wantBytes / Math.max(1, bytesPerRecord));
        return Math.max(1, Math.min(MAX_RECORDS_PER_WANT, records));
    }

    /** Bytes a want of {@link #recordsPerWant} records is expected to hold. */
    long wantBytes(double bytesPerRecord) {
        return (long) Math.ceil(recordsPerWant(bytesPerRecord) * bytesPerRecord);
    }

    /** A fetcher's MaxBytes per request ({@code max.partition.fetch.bytes} and {@code fetch.max.bytes}). */
    int fetchMaxBytes(double bytesPerRecord) {
        long requests = Math.min(FETCHES_PER_WANT, recordsPerWant(bytesPerRecord));
        double perRequest = wantBytes(bytesPerRecord) * OVER_FETCH / requests;
        long bytes = Math.max(MIN_FETCH_BYTES, (long) Math.ceil(perRequest));
        if (maxBufferedBytes > 0) {
            bytes = Math.min(bytes, Math.max(MIN_FETCH_BYTES, maxBufferedBytes));
        }
        return (int) Math.min(bytes, Integer.MAX_VALUE - 1);
    }

    /** True when a partition this many records behind is read faster by concurrent fetchers. */
    boolean worthFetchingConcurrently(long lagRecords, double bytesPerRecord) {
        return enabled() && lagRecords >= WANTS_BEHIND_TO_START * recordsPerWant(bytesPerRecord);
    }

    /** True when a fetcher built for {@code currentMaxBytes} should be rebuilt for {@code neededMaxBytes}. */
    static boolean needsRebuild(int currentMaxBytes, int neededMaxBytes) {
        return neededMaxBytes > 2L * currentMaxBytes || 2L * neededMaxBytes < currentMaxBytes;
    }
}
