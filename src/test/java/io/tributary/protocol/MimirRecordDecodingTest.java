package io.tributary.protocol;

import static io.tributary.testing.Fixtures.NOW;
import static io.tributary.testing.Fixtures.STALE_NAN_BITS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.testing.MimirDistributorRecords;
import io.tributary.testing.MimirRecords;
import io.tributary.testing.MimirRecords.MimirRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decoder against records built by hand from Mimir's format description ({@link MimirDistributorRecords}), not
 * by our encoders: the parts the read API cannot show (metadata, Source, skip flag, exemplars, created timestamps)
 * are checked here; {@code io.tributary.ingester.MimirRecordsIT} feeds the same records through the running app.
 */
class MimirRecordDecodingTest {
    private static final long T0 = NOW;

    private static MimirWriteRequest decode(MimirRecord record) {
        byte[] header = record.version() == null ? null : MimirRecords.versionHeader(record.version());
        return RecordDecoder.decode(record.value(), RecordVersion.fromHeader(header));
    }

    private static List<Label> labels(String... pairs) {
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            labels.add(new Label(pairs[i], pairs[i + 1]));
        }
        return labels;
    }

    @Test
    void version0WithoutHeaderCarriesSeriesStaleMarkerAndFamilyMetadata() {
        MimirWriteRequest decoded = decode(MimirDistributorRecords.checkoutV0(T0));

        assertThat(decoded.series()).extracting(Series::labels).containsExactly(
                labels("__name__", "http_requests_total", "code", "200", "instance", "10.0.1.5:8080", "job", "checkout"),
                labels("__name__", "http_requests_total", "code", "500", "instance", "10.0.1.5:8080", "job", "checkout"));
        assertThat(decoded.series().get(0).samples()).containsExactly(Sample.of(1027, T0), Sample.of(1030, T0 + 15_000),
                Sample.of(1042, T0 + 30_000));
        assertThat(decoded.series().get(1).samples()).containsExactly(Sample.of(3, T0),
                new Sample(STALE_NAN_BITS, T0 + 15_000));
        assertThat(decoded.metadata()).containsExactly(
                new MetricMetadata(1, "http_requests_total", "Total HTTP requests handled.", ""));
        assertThat(decoded.source()).isZero();
        assertThat(decoded.skipLabelValidation()).isFalse();
    }

    @Test
    void version1FromTheRulerKeepsSourceSkipFlagAndHistogramBytes() {
        MimirWriteRequest decoded = decode(MimirDistributorRecords.paymentsV1(T0));

        assertThat(decoded.source()).isEqualTo(1);
        assertThat(decoded.skipLabelValidation()).isTrue();
        assertThat(decoded.series()).hasSize(2);
        assertThat(decoded.series().get(0).samples()).containsExactly(Sample.of(2.5e8, T0), Sample.of(2.625e8, T0 + 15_000));
        Series histogram = decoded.series().get(1);
        assertThat(histogram.labels()).isEqualTo(
                labels("__name__", "rpc_duration_seconds", "instance", "10.0.2.7:9090", "job", "payments"));
        assertThat(histogram.histograms()).extracting(Histogram::timestamp).containsExactly(T0, T0 + 15_000);
        assertThat(histogram.histograms().get(0).encoded()).isEqualTo(
                MimirDistributorRecords.rpcDuration(T0, io.tributary.testproto.rw1.Histogram.ResetHint.YES, 14, 4.75, 3, 2, -1).toByteArray());
        assertThat(decoded.metadata()).containsExactly(
                new MetricMetadata(2, "process_resident_memory_bytes", "Resident memory size in bytes.", "bytes"),
                new MetricMetadata(3, "rpc_duration_seconds", "RPC latency.", "seconds"));
    }

    @Test
    void version2ResolvesCommonAndOwnSymbolsAndTurnsMetadataOnlySeriesIntoMetadata() {
        MimirWriteRequest decoded = decode(MimirDistributorRecords.searchV2(T0));

        assertThat(decoded.source()).isEqualTo(2);
        assertThat(decoded.series()).extracting(Series::labels).containsExactly(
                labels("__name__", "node_cpu_seconds_total", "cpu", "0", "instance", "10.0.3.9:9100",
                        "job", "node-exporter", "mode", "idle"),
                labels("__name__", "search_latency_seconds", "instance", "10.0.3.9:8080", "job", "search",
                        "namespace", "kube-system"));
        Series cpu = decoded.series().get(0);
        assertThat(cpu.samples()).containsExactly(Sample.of(8123.5, T0), Sample.of(8138.25, T0 + 15_000));
        assertThat(cpu.createdTimestamp()).isEqualTo(T0 - 3_600_000);
        assertThat(cpu.exemplars()).containsExactly(new Exemplar(labels("trace_id", "4bf92f3577b34da6"),
                Double.doubleToRawLongBits(8138.25), T0 + 15_000));
        assertThat(decoded.series().get(1).histograms()).singleElement().satisfies(h -> {
            assertThat(h.timestamp()).isEqualTo(T0 + 30_000);
            assertThat(h.encoded()).isEqualTo(MimirDistributorRecords.searchLatency(T0 + 30_000).toByteArray());
        });
        assertThat(decoded.metadata()).containsExactly(
                new MetricMetadata(1, "node_cpu_seconds_total", "Seconds the CPUs spent in each mode.", "seconds"),
                new MetricMetadata(2, "search_queue_depth", "Queries waiting to be served.", ""));
    }

    @Test
    void version2SampleForASeriesFirstSeenInVersion0DecodesToTheSameLabels() {
        Series v0 = decode(MimirDistributorRecords.checkoutV0(T0)).series().get(0);
        Series v2 = decode(MimirDistributorRecords.checkoutV2(T0)).series().get(0);

        assertThat(v2.labels()).isEqualTo(v0.labels());
        assertThat(v2.samples()).containsExactly(Sample.of(1051, T0 + 45_000));
    }

    @Test
    void anUnknownVersionIsRefusedBeforeTheValueIsRead() {
        MimirRecord future = MimirDistributorRecords.futureVersion3(T0);

        assertThatThrownBy(() -> decode(future)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported record version 3");
    }
}
