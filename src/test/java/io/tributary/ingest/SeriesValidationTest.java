package io.tributary.ingest;

import static io.tributary.testing.Fixtures.NOW;
import static io.tributary.testing.Fixtures.rw1Sample;
import static io.tributary.testing.Fixtures.rw1Series;
import static io.tributary.testing.Fixtures.rw2Sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.tributary.distributor.RecordFormat;
import io.tributary.protocol.RecordDecoder;
import io.tributary.protocol.RecordVersion;
import io.tributary.testing.Fixtures.Rw2Builder;
import io.tributary.testproto.rw1.TimeSeries;
import io.tributary.testproto.rw1.WriteRequest;

/** Every rejection reason: the bad series is dropped, the good one next to it is kept (partial write). */
class SeriesValidationTest {

    private static final ValidationLimits LIMITS = new ValidationLimits(5, 16, 32, Duration.ofMinutes(10),
            Duration.ofHours(1));

    private static ProcessedWrite processRw1(TimeSeries.Builder bad) throws Exception {
        byte[] body = WriteRequest.newBuilder().addTimeseries(good()).addTimeseries(bad).build().toByteArray();
        return new WriteRequestProcessor(LIMITS, new RecordFormat(1, 1 << 20))
                .process("team-a", body, body.length, RemoteWriteVersion.V1, 1, NOW);
    }

    private static TimeSeries.Builder good() {
        return rw1Series("__name__", "up", "instance", "10.0.0.7:9100", "job", "node").addSamples(rw1Sample(1, NOW));
    }

    static Stream<Arguments> invalidRw1Series() {
        return Stream.of(
                Arguments.of("a series without __name__ is missing-metric-name",
                        rw1Series("job", "api"), "missing-metric-name"),
                Arguments.of("a label name starting with a digit is label-invalid",
                        rw1Series("0day", "x", "__name__", "up"), "label-invalid"),
                Arguments.of("a label name with a dot is label-invalid in RW1",
                        rw1Series("__name__", "up", "k8s.pod", "web-0"), "label-invalid"),
                Arguments.of("an empty label name is label-invalid",
                        rw1Series("", "x", "__name__", "up"), "label-invalid"),
                Arguments.of("a label name over the limit is label-name-too-long",
                        rw1Series("__name__", "up", "a_very_long_label_name", "x"), "label-name-too-long"),
                Arguments.of("a label value over the limit is label-value-too-long",
                        rw1Series("__name__", "up", "pod", "web-0123456789-0123456789-0123456789"), "label-value-too-long"),
                Arguments.of("an empty label value is empty-label-value",
                        rw1Series("__name__", "up", "pod", ""), "empty-label-value"),
                Arguments.of("labels out of order are labels-not-sorted",
                        rw1Series("__name__", "up", "job", "api", "instance", "a"), "labels-not-sorted"),
                Arguments.of("a repeated label name is duplicate-label-names",
                        rw1Series("__name__", "up", "job", "api", "job", "web"), "duplicate-label-names"),
                Arguments.of("more labels than allowed is max-label-names-per-series",
                        rw1Series("__name__", "up", "a", "1", "b", "2", "c", "3", "d", "4", "e", "5"),
                        "max-label-names-per-series"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRw1Series")
    void invalidSeriesIsDroppedWithItsReasonAndTheValidOneIsKept(String title, TimeSeries.Builder bad, String reason)
            throws Exception {
        ProcessedWrite w = processRw1(bad.addSamples(rw1Sample(2, NOW)));

        assertThat(w.rejectionsByReason()).isEqualTo(Map.of(reason, 1));
        assertThat(w.rejectedSeries()).isEqualTo(1);
        assertThat(w.rejectedSamples()).isEqualTo(1);
        assertThat(w.acceptedSamples()).isEqualTo(1);
        assertThat(w.firstRejection()).contains(reason);
        assertThat(RecordDecoder.decode(w.records().get(0).value(), RecordVersion.V1).series()).hasSize(1);
    }

    @Test
    void firstRejectionNamesTheSeries() throws Exception {
        ProcessedWrite w = processRw1(rw1Series("__name__", "http_requests_total", "job", "api", "instance", "b"));

        assertThat(w.firstRejection()).contains("http_requests_total{job=\"api\", instance=\"b\"}");
    }

    @Test
    void sampleTooFarInTheFutureIsDroppedAndTheRestOfTheSeriesKept() throws Exception {
        ProcessedWrite w = processRw1(rw1Series("__name__", "up", "job", "api")
                .addSamples(rw1Sample(1, NOW)).addSamples(rw1Sample(1, NOW + Duration.ofMinutes(11).toMillis())));

        assertThat(w.rejectionsByReason()).isEqualTo(Map.of("too-far-in-future", 1));
        assertThat(w.rejectedSamples()).isEqualTo(1);
        assertThat(w.rejectedSeries()).isZero();
        assertThat(w.acceptedSamples()).isEqualTo(2);
        var series = RecordDecoder.decode(w.records().get(0).value(), RecordVersion.V1).series();
        assertThat(series.get(1).samples()).hasSize(1);
    }

    @Test
    void aNativeHistogramABlockCouldNotHoldIsRejectedBeforeKafkaAndTheValidOneKept() throws Exception {
        var valid = io.tributary.testproto.rw1.Histogram.newBuilder().setCountInt(3).setSum(1.5).setSchema(0)
                .setZeroCountInt(0).addPositiveSpans(io.tributary.testproto.rw1.BucketSpan.newBuilder()
                        .setOffset(0).setLength(2))
                .addPositiveDeltas(1).addPositiveDeltas(1).setTimestamp(NOW);
        // Two buckets in the span, one delta: the bucket counts cannot be rebuilt.
        var spanMismatch = valid.clone().clearPositiveDeltas().addPositiveDeltas(3).setTimestamp(NOW + 1);
        ProcessedWrite w = processRw1(rw1Series("__name__", "latency", "job", "api")
                .addHistograms(valid).addHistograms(spanMismatch));

        assertThat(w.rejectionsByReason()).isEqualTo(Map.of("invalid-native-histogram", 1));
        assertThat(w.firstRejection()).contains("invalid-native-histogram");
        assertThat(w.acceptedHistograms()).isEqualTo(1);
        var series = RecordDecoder.decode(w.records().get(0).value(), RecordVersion.V1).series();
        assertThat(series.get(1).histograms()).hasSize(1);
        assertThat(series.get(1).histograms().get(0).timestamp()).isEqualTo(NOW);
    }

    @Test
    void sampleOlderThanThePastGracePeriodIsTooFarInPast() throws Exception {
        ProcessedWrite w = processRw1(rw1Series("__name__", "up", "job", "api")
                .addSamples(rw1Sample(1, NOW - Duration.ofHours(2).toMillis())));

        assertThat(w.rejectionsByReason()).isEqualTo(Map.of("too-far-in-past", 1));
        assertThat(w.rejectedSeries()).isEqualTo(1);
    }

    @Test
    void pastGracePeriodZeroDisablesTheCheck() throws Exception {
        byte[] body = WriteRequest.newBuilder().addTimeseries(rw1Series("__name__", "up", "job", "api")
                .addSamples(rw1Sample(1, 0))).build().toByteArray();
        ProcessedWrite w = new WriteRequestProcessor(ValidationLimits.defaults(), new RecordFormat(1, 1 << 20))
                .process("team-a", body, body.length, RemoteWriteVersion.V1, 1, NOW);

        assertThat(w.firstRejection()).isNull();
    }

    private static ProcessedWrite processRw2(Rw2Builder b) throws Exception {
        byte[] body = b.build().toByteArray();
        return new WriteRequestProcessor(LIMITS, new RecordFormat(2, 1 << 20))
                .process("team-a", body, body.length, RemoteWriteVersion.V2, 1, NOW);
    }

    @Test
    void rw2AcceptsUtf8LabelNames() throws Exception {
        Rw2Builder b = new Rw2Builder();
        b.add(b.series("__name__", "up", "k8s.pod name", "web-0").addSamples(rw2Sample(1, NOW)));

        assertThat(processRw2(b).firstRejection()).isNull();
    }

    @Test
    void rw2SymbolRefOutOfRangeIsInvalidSymbolRef() throws Exception {
        Rw2Builder b = new Rw2Builder();
        b.add(b.series("__name__", "up").addLabelsRefs(99).addLabelsRefs(1).addSamples(rw2Sample(1, NOW)));

        assertThat(processRw2(b).rejectionsByReason()).isEqualTo(Map.of("invalid-symbol-ref", 1));
    }

    @Test
    void rw2OddLabelsRefsIsRejected() throws Exception {
        Rw2Builder b = new Rw2Builder();
        b.add(b.series("__name__", "up", "job").addSamples(rw2Sample(1, NOW)));

        assertThat(processRw2(b).rejectionsByReason()).isEqualTo(Map.of("odd-labels-refs", 1));
    }

    @Test
    void rw2SeriesWithoutSamplesOrHistogramsIsRejected() throws Exception {
        Rw2Builder b = new Rw2Builder();
        b.add(b.series("__name__", "up", "job", "api"));

        assertThat(processRw2(b).rejectionsByReason()).isEqualTo(Map.of("series-without-samples", 1));
    }

    @Test
    void rw2FirstSymbolMustBeEmptyOrTheWholeRequestIsMalformed() {
        byte[] body = io.tributary.testproto.rw2.Request.newBuilder().addSymbols("up").addSymbols("__name__")
                .addTimeseries(io.tributary.testproto.rw2.TimeSeries.newBuilder().addLabelsRefs(1).addLabelsRefs(0)
                        .addSamples(rw2Sample(1, NOW)))
                .build().toByteArray();

        assertThatThrownBy(() -> new WriteRequestProcessor(LIMITS, new RecordFormat(2, 1 << 20))
                .process("team-a", body, body.length, RemoteWriteVersion.V2, 1, NOW))
                .isInstanceOf(MalformedRequestException.class)
                .extracting(e -> ((MalformedRequestException) e).reason()).isEqualTo("symbols-first-not-empty");
    }

    @Test
    void metadataWithoutFamilyNameIsRejectedAndDuplicatesAreDropped() throws Exception {
        var meta = io.tributary.testproto.rw1.MetricMetadata.newBuilder().setTypeValue(2)
                .setMetricFamilyName("node_load1").setHelp("1m load average.").build();
        byte[] body = WriteRequest.newBuilder().addMetadata(meta).addMetadata(meta)
                .addMetadata(io.tributary.testproto.rw1.MetricMetadata.newBuilder().setHelp("orphan"))
                .build().toByteArray();

        ProcessedWrite w = new WriteRequestProcessor(LIMITS, new RecordFormat(1, 1 << 20))
                .process("team-a", body, body.length, RemoteWriteVersion.V1, 1, NOW);

        assertThat(w.acceptedMetadata()).isEqualTo(1);
        assertThat(w.rejectionsByReason()).isEqualTo(Map.of("metadata-missing-metric-name", 1));
    }
}
