package io.tributary.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

/** The bytes-per-record estimate from compressed (consumer metrics) or uncompressed (record) sizes, and sizing. */
class BytesPerRecordEstimateTest {

    /** A consumer's fetch metrics: fetch-size-avg counts decompressed bytes, so it must not be used. */
    static Map<MetricName, Metric> fetchMetrics(double fetchSizeAvg, double recordsPerRequestAvg) {
        Map<MetricName, Metric> metrics = new LinkedHashMap<>();
        put(metrics, "fetch-size-avg", Map.of("client-id", "c"), fetchSizeAvg);
        put(metrics, "records-per-request-avg", Map.of("client-id", "c"), recordsPerRequestAvg);
        // The per-topic variants must not be taken for the client-wide ones.
        put(metrics, "fetch-size-avg", Map.of("client-id", "c", "topic", "metrics"), 1.0);
        put(metrics, "records-per-request-avg", Map.of("client-id", "c", "topic", "metrics"), 1_000_000.0);
        return metrics;
    }

    private static void put(Map<MetricName, Metric> metrics, String name, Map<String, String> tags, double value) {
        MetricName metricName = new MetricName(name, "consumer-fetch-manager-metrics", "", tags);
        metrics.put(metricName, new Metric() {
            @Override
            public MetricName metricName() {
                return metricName;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        });
    }

    @Test
    void compressed_estimate_learns_wire_bytes_per_record_from_the_fetch_metrics() {
        BytesPerRecordEstimate estimate = new BytesPerRecordEstimate(true);

        // 100 records per request of at most 50 kB: 500 B per record on the wire; 2000 B each uncompressed.
        estimate.observe(200_000, 100, fetchMetrics(200_000, 100), 50_000);

        assertThat(estimate.bytesPerRecord()).isCloseTo(0.8 * 10_000 + 0.2 * 500, within(0.001));
    }

    @Test
    void uncompressed_estimate_learns_key_and_value_bytes_per_record() {
        BytesPerRecordEstimate estimate = new BytesPerRecordEstimate(false);

        estimate.observe(200_000, 100, fetchMetrics(200_000, 100), 50_000);

        assertThat(estimate.bytesPerRecord()).isCloseTo(0.8 * 10_000 + 0.2 * 2_000, within(0.001));
    }

    @Test
    void without_fetch_metrics_yet_the_compressed_estimate_takes_the_uncompressed_size() {
        BytesPerRecordEstimate estimate = new BytesPerRecordEstimate(true);

        estimate.observe(200_000, 100, Map.of(), 50_000);

        assertThat(estimate.bytesPerRecord()).isCloseTo(8_400, within(0.001));
    }

    @Test
    void the_estimate_converges_and_ignores_empty_fetches() {
        BytesPerRecordEstimate estimate = new BytesPerRecordEstimate(true);
        estimate.observe(0, 0, fetchMetrics(200_000, 100), 50_000);
        assertThat(estimate.bytesPerRecord()).isEqualTo(BytesPerRecordEstimate.INITIAL_BYTES_PER_RECORD);

        for (int i = 0; i < 60; i++) {
            estimate.observe(200_000, 100, fetchMetrics(200_000, 100), 50_000);
        }

        assertThat(estimate.bytesPerRecord()).isCloseTo(500, within(1.0));
    }

    @Test
    void a_smaller_compressed_estimate_wants_more_records_per_fetch_than_the_uncompressed_one() {
        FetchSizing sizing = new FetchSizing(12, 1_000_000_000L);

        // 4 MiB wants: 8388 records at 500 B (compressed), 2097 at 2000 B (uncompressed).
        assertThat(sizing.recordsPerWant(500)).isEqualTo(8388);
        assertThat(sizing.recordsPerWant(2_000)).isEqualTo(2097);
        // Four requests per want, 5% over: about 1.1 MB per request either way.
        assertThat(sizing.fetchMaxBytes(500)).isEqualTo((int) Math.ceil(8388 * 500 * 1.05 / 4));
        assertThat(sizing.fetchMaxBytes(2_000)).isEqualTo((int) Math.ceil(2097 * 2_000 * 1.05 / 4));
    }

    @Test
    void fetch_sizes_stay_between_one_megabyte_and_max_buffered_bytes() {
        assertThat(new FetchSizing(4, 400_000).fetchMaxBytes(10_000)).isEqualTo(FetchSizing.MIN_FETCH_BYTES);
        // One 8 MB record per want: one request of the whole record plus 5%, capped by max-buffered-bytes.
        assertThat(new FetchSizing(1, 1_000_000_000L).fetchMaxBytes(8_000_000)).isEqualTo(8_400_000);
        assertThat(new FetchSizing(1, 5_000_000L).fetchMaxBytes(8_000_000)).isEqualTo(5_000_000);
    }

    @Test
    void concurrent_fetching_starts_two_wants_behind_and_never_at_concurrency_zero() {
        FetchSizing sizing = new FetchSizing(4, 400_000); // 10 records per want at 10 kB
        assertThat(sizing.worthFetchingConcurrently(19, 10_000)).isFalse();
        assertThat(sizing.worthFetchingConcurrently(20, 10_000)).isTrue();
        assertThat(new FetchSizing(0, 400_000).worthFetchingConcurrently(1_000_000, 10_000)).isFalse();
    }

    @Test
    void a_fetcher_is_rebuilt_only_when_its_size_is_off_by_more_than_twice() {
        assertThat(FetchSizing.needsRebuild(1_000_000, 2_000_000)).isFalse();
        assertThat(FetchSizing.needsRebuild(1_000_000, 2_000_001)).isTrue();
        assertThat(FetchSizing.needsRebuild(1_000_000, 500_000)).isFalse();
        assertThat(FetchSizing.needsRebuild(1_000_000, 499_999)).isTrue();
    }
}
