package io.tributary.ingest;

import static io.tributary.testing.Fixtures.NOW;
import static io.tributary.testing.Fixtures.STALE_NAN_BITS;
import static io.tributary.testing.Fixtures.rw1Sample;
import static io.tributary.testing.Fixtures.rw1Series;
import static io.tributary.testing.Fixtures.rw2Sample;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.tributary.distributor.PartitionRecord;
import io.tributary.distributor.RecordFormat;
import io.tributary.protocol.MimirWriteRequest;
import io.tributary.protocol.RecordDecoder;
import io.tributary.protocol.RecordVersion;
import io.tributary.testing.Fixtures.Rw2Builder;
import io.tributary.testproto.mimir.WriteRequest;
import io.tributary.testproto.rw1.MetricMetadata;
import io.tributary.testproto.rw1.TimeSeries;

/** Record bytes compared with protobuf-java's encoding of the expected Mimir WriteRequest. */
class RecordEncodingTest {

    private static final int MAX = RecordFormat.DEFAULT_MAX_RECORD_SIZE_BYTES;

    static ProcessedWrite process(int recordVersion, RemoteWriteVersion rw, byte[] body) throws Exception {
        return new WriteRequestProcessor(ValidationLimits.defaults(), new RecordFormat(recordVersion, MAX))
                .process("team-a", body, body.length, rw, 1, NOW);
    }

    static byte[] onlyRecord(ProcessedWrite w) {
        assertThat(w.records()).hasSize(1);
        return w.records().get(0).value();
    }

    private static TimeSeries apiRequests() {
        return rw1Series("__name__", "http_requests_total", "instance", "10.0.0.7:9100", "job", "api")
                .addSamples(rw1Sample(1027, NOW - 15_000)).build();
    }

    @Test
    void rw1SeriesAreForwardedByteForByteIntoRecordV1() throws Exception {
        MetricMetadata meta = MetricMetadata.newBuilder().setType(MetricMetadata.MetricType.COUNTER)
                .setMetricFamilyName("http_requests_total").setHelp("Total HTTP requests.").build();
        io.tributary.testproto.rw1.WriteRequest in = io.tributary.testproto.rw1.WriteRequest.newBuilder()
                .addTimeseries(apiRequests()).addMetadata(meta).build();

        byte[] record = onlyRecord(process(1, RemoteWriteVersion.V1, in.toByteArray()));

        byte[] expected = WriteRequest.newBuilder().addTimeseries(apiRequests()).addMetadata(meta).build().toByteArray();
        assertThat(record).isEqualTo(expected);
    }

    @Test
    void rw2RequestBecomesRw1StyleRecordV1WithResolvedLabelsAndFamilyMetadata() throws Exception {
        Rw2Builder b = new Rw2Builder();
        io.tributary.testproto.rw2.TimeSeries.Builder ts = b.series("__name__", "http_requests_total",
                "instance", "10.0.0.7:9100", "job", "api").addSamples(rw2Sample(1027, NOW - 15_000));
        ts.setMetadata(io.tributary.testproto.rw2.Metadata.newBuilder()
                .setType(io.tributary.testproto.rw2.Metadata.MetricType.METRIC_TYPE_COUNTER)
                .setHelpRef(b.ref("Total HTTP requests.")));
        byte[] body = b.add(ts).build().toByteArray();

        byte[] record = onlyRecord(process(1, RemoteWriteVersion.V2, body));

        byte[] expected = WriteRequest.newBuilder().addTimeseries(apiRequests())
                .addMetadata(MetricMetadata.newBuilder().setType(MetricMetadata.MetricType.COUNTER)
                        .setMetricFamilyName("http_requests_total").setHelp("Total HTTP requests."))
                .build().toByteArray();
        assertThat(record).isEqualTo(expected);
    }

    @Test
    void recordV2UsesCommonSymbolsAndOwnSymbolsFromRef65() throws Exception {
        byte[] body = io.tributary.testproto.rw1.WriteRequest.newBuilder().addTimeseries(apiRequests()).build()
                .toByteArray();

        byte[] record = onlyRecord(process(2, RemoteWriteVersion.V1, body));

        // __name__ = common 1, instance = common 20, job = common 19; own strings get 65, 66, 67.
        WriteRequest expected = WriteRequest.newBuilder()
                .addAllSymbolsRw2(List.of("", "http_requests_total", "10.0.0.7:9100", "api"))
                .addTimeseriesRw2(io.tributary.testproto.rw2.TimeSeries.newBuilder()
                        .addAllLabelsRefs(List.of(1, 65, 20, 66, 19, 67))
                        .addSamples(rw2Sample(1027, NOW - 15_000)))
                .build();
        assertThat(record).isEqualTo(expected.toByteArray());
    }

    @Test
    void recordV2AttachesMetadataToSeriesOfTheFamilyAndCarriesTheRestInNameOnlySeries() throws Exception {
        io.tributary.testproto.rw1.WriteRequest in = io.tributary.testproto.rw1.WriteRequest.newBuilder()
                .addTimeseries(apiRequests())
                .addMetadata(MetricMetadata.newBuilder().setType(MetricMetadata.MetricType.COUNTER)
                        .setMetricFamilyName("http_requests_total").setHelp("Total HTTP requests."))
                .addMetadata(MetricMetadata.newBuilder().setType(MetricMetadata.MetricType.GAUGE)
                        .setMetricFamilyName("up").setHelp("Target is up.").setUnit("bool"))
                .addMetadata(MetricMetadata.newBuilder().setType(MetricMetadata.MetricType.GAUGE)
                        .setMetricFamilyName("up").setHelp("Target is up.").setUnit("bool"))
                .build();

        byte[] record = onlyRecord(process(2, RemoteWriteVersion.V1, in.toByteArray()));

        WriteRequest expected = WriteRequest.newBuilder()
                .addAllSymbolsRw2(List.of("", "http_requests_total", "10.0.0.7:9100", "api", "Total HTTP requests.",
                        "up", "Target is up.", "bool"))
                .addTimeseriesRw2(io.tributary.testproto.rw2.TimeSeries.newBuilder()
                        .addAllLabelsRefs(List.of(1, 65, 20, 66, 19, 67))
                        .addSamples(rw2Sample(1027, NOW - 15_000))
                        .setMetadata(io.tributary.testproto.rw2.Metadata.newBuilder()
                                .setTypeValue(1).setHelpRef(68)))
                .addTimeseriesRw2(io.tributary.testproto.rw2.TimeSeries.newBuilder()
                        .addAllLabelsRefs(List.of(1, 69))
                        .setMetadata(io.tributary.testproto.rw2.Metadata.newBuilder()
                                .setTypeValue(2).setHelpRef(70).setUnitRef(71)))
                .build();
        assertThat(record).isEqualTo(expected.toByteArray());
    }

    @Test
    void staleMarkerBitsSurviveBothRecordVersions() throws Exception {
        double stale = Double.longBitsToDouble(STALE_NAN_BITS);
        byte[] body = io.tributary.testproto.rw1.WriteRequest.newBuilder()
                .addTimeseries(rw1Series("__name__", "up", "instance", "10.0.0.7:9100", "job", "node")
                        .addSamples(rw1Sample(stale, NOW)))
                .build().toByteArray();
        for (int version : new int[] {1, 2}) {
            byte[] record = onlyRecord(process(version, RemoteWriteVersion.V1, body));
            MimirWriteRequest decoded = RecordDecoder.decode(record, RecordVersion.of(version));
            assertThat(decoded.series().get(0).samples().get(0).valueBits()).isEqualTo(STALE_NAN_BITS);
        }
    }

    @Test
    void rc4StartTimestampMovesToTheSeriesCreatedTimestamp() throws Exception {
        Rw2Builder b = new Rw2Builder();
        b.add(b.series("__name__", "http_requests_total", "job", "api").addSamples(
                io.tributary.testproto.rw2.Sample.newBuilder().setValue(3).setTimestamp(NOW).setStartTimestamp(NOW - 60_000)));

        byte[] record = onlyRecord(process(1, RemoteWriteVersion.V2, b.build().toByteArray()));

        WriteRequest expected = WriteRequest.newBuilder().addTimeseries(
                rw1Series("__name__", "http_requests_total", "job", "api").addSamples(rw1Sample(3, NOW))
                        .setCreatedTimestamp(NOW - 60_000)).build();
        assertThat(record).isEqualTo(expected.toByteArray());
    }

    @Test
    void rc4HistogramStartTimestampIsDroppedFromTheHistogramAndCarriedOnTheSeries() throws Exception {
        io.tributary.testproto.rw2.Histogram.Builder sent = io.tributary.testproto.rw2.Histogram.newBuilder()
                .setCountInt(7).setSum(1.5).setSchema(2).setZeroCountInt(1).setTimestamp(NOW)
                .addPositiveSpans(io.tributary.testproto.rw2.BucketSpan.newBuilder().setOffset(0).setLength(2))
                .addPositiveDeltas(3).addPositiveDeltas(-1);
        Rw2Builder b = new Rw2Builder();
        b.add(b.series("__name__", "http_request_duration_seconds", "job", "api")
                .addHistograms(sent.clone().setStartTimestamp(NOW - 60_000)));

        byte[] record = onlyRecord(process(1, RemoteWriteVersion.V2, b.build().toByteArray()));

        WriteRequest expected = WriteRequest.newBuilder().addTimeseries(
                rw1Series("__name__", "http_request_duration_seconds", "job", "api")
                        .addHistograms(io.tributary.testproto.rw1.Histogram.parseFrom(sent.build().toByteArray()))
                        .setCreatedTimestamp(NOW - 60_000)).build();
        assertThat(record).isEqualTo(expected.toByteArray());
        MimirWriteRequest v2 = RecordDecoder.decode(onlyRecord(process(2, RemoteWriteVersion.V2, b.build().toByteArray())),
                RecordVersion.V2);
        assertThat(v2.series().get(0).histograms().get(0).encoded()).isEqualTo(sent.build().toByteArray());
        assertThat(v2.series().get(0).createdTimestamp()).isEqualTo(NOW - 60_000);
    }

    @Test
    void metadataOnlyRw1RequestIsValid() throws Exception {
        byte[] body = io.tributary.testproto.rw1.WriteRequest.newBuilder()
                .addMetadata(MetricMetadata.newBuilder().setType(MetricMetadata.MetricType.GAUGE)
                        .setMetricFamilyName("node_load1").setHelp("1m load average."))
                .build().toByteArray();

        ProcessedWrite w = process(1, RemoteWriteVersion.V1, body);

        assertThat(w.acceptedMetadata()).isEqualTo(1);
        assertThat(w.firstRejection()).isNull();
        assertThat(RecordDecoder.decode(onlyRecord(w), RecordVersion.V1).metadata()).hasSize(1);
    }

    @Test
    void recordCountsMatchTheAcceptedDataPoints() throws Exception {
        byte[] body = io.tributary.testproto.rw1.WriteRequest.newBuilder().addTimeseries(apiRequests())
                .addTimeseries(rw1Series("__name__", "up", "job", "api").addSamples(rw1Sample(1, NOW))
                        .addSamples(rw1Sample(1, NOW + 15_000)))
                .build().toByteArray();

        ProcessedWrite w = process(2, RemoteWriteVersion.V1, body);

        PartitionRecord r = w.records().get(0);
        assertThat(r.samples()).isEqualTo(3);
        assertThat(w.acceptedSamples()).isEqualTo(3);
    }
}
