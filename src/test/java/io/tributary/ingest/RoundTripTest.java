package io.tributary.ingest;

import static io.tributary.testing.Fixtures.NOW;
import static io.tributary.testing.Fixtures.rw1Sample;
import static io.tributary.testing.Fixtures.rw1Series;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;


import io.tributary.distributor.PartitionRecord;
import io.tributary.distributor.PartitionRing;
import io.tributary.distributor.RecordFormat;
import io.tributary.distributor.SeriesToken;
import io.tributary.protocol.Exemplar;
import io.tributary.protocol.Histogram;
import io.tributary.protocol.Label;
import io.tributary.protocol.MetricMetadata;
import io.tributary.protocol.MimirWriteRequest;
import io.tributary.protocol.RecordDecoder;
import io.tributary.protocol.RecordVersion;
import io.tributary.protocol.Sample;
import io.tributary.protocol.Series;
import io.tributary.testproto.rw1.BucketSpan;
import io.tributary.testproto.rw1.WriteRequest;

/** decode(encode(x)) == x for every input protocol and record version, across partitions and splits. */
class RoundTripTest {

    private static final String[] JOBS = {"api", "node-exporter", "kube-state-metrics"};

    /** A request with float samples, a native histogram, an exemplar and metadata, over many series. */
    static WriteRequest richRequest(int seriesCount) {
        WriteRequest.Builder req = WriteRequest.newBuilder();
        for (int i = 0; i < seriesCount; i++) {
            var ts = rw1Series("__name__", i % 2 == 0 ? "http_requests_total" : "http_request_duration_seconds",
                    "instance", "10.0.0." + (i % 250) + ":9100", "job", JOBS[i % 3], "path", "/api/v1/items/" + i);
            if (i % 2 == 0) {
                ts.addSamples(rw1Sample(i * 1.5, NOW - 30_000)).addSamples(rw1Sample(i * 1.5 + 1, NOW - 15_000));
                if (i % 10 == 0) {
                    ts.addExemplars(io.tributary.testproto.rw1.Exemplar.newBuilder()
                            .addLabels(io.tributary.testproto.rw1.Label.newBuilder().setName("trace_id").setValue("4bf92f3577b34da6"))
                            .setValue(0.25).setTimestamp(NOW - 15_000));
                }
            } else {
                ts.addHistograms(io.tributary.testproto.rw1.Histogram.newBuilder().setCountInt(10 + i).setSum(3.5)
                        .setSchema(3).setZeroThreshold(1e-128).setZeroCountInt(1)
                        .addPositiveSpans(BucketSpan.newBuilder().setOffset(-2).setLength(2))
                        .addPositiveDeltas(4).addPositiveDeltas(-1).setTimestamp(NOW - 10_000));
            }
            req.addTimeseries(ts);
        }
        req.addMetadata(io.tributary.testproto.rw1.MetricMetadata.newBuilder().setTypeValue(1)
                .setMetricFamilyName("http_requests_total").setHelp("Total HTTP requests."));
        req.addMetadata(io.tributary.testproto.rw1.MetricMetadata.newBuilder().setTypeValue(3)
                .setMetricFamilyName("http_request_duration_seconds").setHelp("Latency.").setUnit("seconds"));
        req.addMetadata(io.tributary.testproto.rw1.MetricMetadata.newBuilder().setTypeValue(2)
                .setMetricFamilyName("process_open_fds").setHelp("Open file descriptors."));
        return req.build();
    }

    /** The same request re-expressed as RW2, with metadata on the series of each family. */
    static io.tributary.testproto.rw2.Request asRw2(WriteRequest rw1) {
        List<String> symbols = new ArrayList<>(List.of(""));
        java.util.function.ToIntFunction<String> ref = s -> {
            int i = symbols.indexOf(s);
            if (i < 0) {
                symbols.add(s);
                return symbols.size() - 1;
            }
            return i;
        };
        io.tributary.testproto.rw2.Request.Builder out = io.tributary.testproto.rw2.Request.newBuilder();
        for (var ts : rw1.getTimeseriesList()) {
            var b = io.tributary.testproto.rw2.TimeSeries.newBuilder();
            String name = null;
            for (var l : ts.getLabelsList()) {
                b.addLabelsRefs(ref.applyAsInt(l.getName())).addLabelsRefs(ref.applyAsInt(l.getValue()));
                if (l.getName().equals("__name__")) {
                    name = l.getValue();
                }
            }
            for (var s : ts.getSamplesList()) {
                b.addSamples(io.tributary.testproto.rw2.Sample.newBuilder().setValue(s.getValue()).setTimestamp(s.getTimestamp()));
            }
            for (var h : ts.getHistogramsList()) {
                try {
                    b.addHistograms(io.tributary.testproto.rw2.Histogram.parseFrom(h.toByteArray()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            for (var e : ts.getExemplarsList()) {
                var eb = io.tributary.testproto.rw2.Exemplar.newBuilder().setValue(e.getValue()).setTimestamp(e.getTimestamp());
                for (var l : e.getLabelsList()) {
                    eb.addLabelsRefs(ref.applyAsInt(l.getName())).addLabelsRefs(ref.applyAsInt(l.getValue()));
                }
                b.addExemplars(eb);
            }
            for (var m : rw1.getMetadataList()) {
                if (m.getMetricFamilyName().equals(name)) {
                    b.setMetadata(io.tributary.testproto.rw2.Metadata.newBuilder().setTypeValue(m.getTypeValue())
                            .setHelpRef(ref.applyAsInt(m.getHelp())).setUnitRef(ref.applyAsInt(m.getUnit())));
                }
            }
            out.addTimeseries(b);
        }
        return out.addAllSymbols(symbols).build();
    }

    static Series expected(io.tributary.testproto.rw1.TimeSeries ts) {
        List<Label> labels = ts.getLabelsList().stream().map(l -> new Label(l.getName(), l.getValue())).toList();
        List<Sample> samples = ts.getSamplesList().stream().map(s -> Sample.of(s.getValue(), s.getTimestamp())).toList();
        List<Histogram> hs = ts.getHistogramsList().stream().map(h -> new Histogram(h.getTimestamp(), h.toByteArray())).toList();
        List<Exemplar> ex = ts.getExemplarsList().stream().map(e -> new Exemplar(
                e.getLabelsList().stream().map(l -> new Label(l.getName(), l.getValue())).toList(),
                Double.doubleToRawLongBits(e.getValue()), e.getTimestamp())).toList();
        return new Series(labels, samples, hs, ex, ts.getCreatedTimestamp());
    }

    record Decoded(Set<Series> series, Set<MetricMetadata> metadata, int records) {
    }

    static Decoded runAndDecode(byte[] body, RemoteWriteVersion rw, int recordVersion, int maxRecordBytes,
            int partitions) throws Exception {
        ProcessedWrite w = new WriteRequestProcessor(ValidationLimits.defaults(),
                new RecordFormat(recordVersion, maxRecordBytes)).process("team-a", body, body.length, rw, partitions, NOW);
        assertThat(w.firstRejection()).isNull();
        Set<Series> series = new HashSet<>();
        Set<MetricMetadata> metadata = new HashSet<>();
        int seed = SeriesToken.seed("team-a".getBytes());
        for (PartitionRecord r : w.records()) {
            MimirWriteRequest d = RecordDecoder.decode(r.value(), RecordVersion.of(recordVersion));
            for (Series s : d.series()) {
                assertThat(series.add(s)).as("series appears once").isTrue();
                assertThat(r.partition()).isEqualTo(new PartitionRing().partitionOf(token(seed, s), partitions));
            }
            metadata.addAll(d.metadata());
        }
        return new Decoded(series, metadata, w.records().size());
    }

    static int token(int seed, Series s) {
        int h = seed;
        for (Label l : s.labels()) {
            byte[] n = l.name().getBytes();
            byte[] v = l.value().getBytes();
            h = SeriesToken.add(SeriesToken.add(h, n, 0, n.length), v, 0, v.length);
        }
        return h;
    }

    static Set<Series> expectedSeries(WriteRequest req) {
        Set<Series> s = new HashSet<>();
        req.getTimeseriesList().forEach(ts -> s.add(expected(ts)));
        return s;
    }

    static Set<MetricMetadata> expectedMetadata(WriteRequest req) {
        Set<MetricMetadata> s = new HashSet<>();
        req.getMetadataList().forEach(m -> s.add(new MetricMetadata(m.getTypeValue(), m.getMetricFamilyName(), m.getHelp(), m.getUnit())));
        return s;
    }

    @ParameterizedTest(name = "record version {0}")
    @ValueSource(ints = {1, 2})
    void rw1RequestRoundTripsAcrossFourPartitions(int recordVersion) throws Exception {
        WriteRequest req = richRequest(60);
        Decoded d = runAndDecode(req.toByteArray(), RemoteWriteVersion.V1, recordVersion, 1 << 20, 4);
        assertThat(d.series()).isEqualTo(expectedSeries(req));
        assertThat(d.metadata()).isEqualTo(expectedMetadata(req));
    }

    @ParameterizedTest(name = "record version {0}")
    @ValueSource(ints = {1, 2})
    void rw2RequestRoundTripsAcrossFourPartitions(int recordVersion) throws Exception {
        WriteRequest req = richRequest(60);
        Decoded d = runAndDecode(asRw2(req).toByteArray(), RemoteWriteVersion.V2, recordVersion, 1 << 20, 4);
        assertThat(d.series()).isEqualTo(expectedSeries(req));
        // process_open_fds has no series in the RW2 form, so RW2 cannot carry its metadata.
        Set<MetricMetadata> meta = expectedMetadata(req);
        meta.removeIf(m -> m.family().equals("process_open_fds"));
        assertThat(d.metadata()).isEqualTo(meta);
    }

    @ParameterizedTest(name = "record version {0}")
    @ValueSource(ints = {1, 2})
    void smallMaxRecordSizeSplitsByWholeSeriesIntoCompleteRecords(int recordVersion) throws Exception {
        WriteRequest req = richRequest(60);
        int max = 600;
        ProcessedWrite w = new WriteRequestProcessor(ValidationLimits.defaults(), new RecordFormat(recordVersion, max))
                .process("team-a", req.toByteArray(), req.getSerializedSize(), RemoteWriteVersion.V1, 1, NOW);

        assertThat(w.records().size()).isGreaterThan(5);
        for (PartitionRecord r : w.records()) {
            MimirWriteRequest d = RecordDecoder.decode(r.value(), RecordVersion.of(recordVersion));
            if (d.series().size() + d.metadata().size() > 1) {
                assertThat(r.value().length).isLessThanOrEqualTo(max);
            }
            if (recordVersion == 2) {
                var parsed = io.tributary.testproto.mimir.WriteRequest.parseFrom(r.value());
                assertThat(parsed.getSymbolsRw2(0)).isEmpty();
            }
        }
        Decoded d = runAndDecode(req.toByteArray(), RemoteWriteVersion.V1, recordVersion, max, 1);
        assertThat(d.series()).isEqualTo(expectedSeries(req));
        assertThat(d.metadata()).isEqualTo(expectedMetadata(req));
        assertThat(w.records().stream().mapToInt(PartitionRecord::samples).sum()).isEqualTo(w.acceptedSamples());
    }

    @ParameterizedTest(name = "record version {0}")
    @ValueSource(ints = {1, 2})
    void oneSeriesLargerThanTheLimitStillGivesOneRecord(int recordVersion) throws Exception {
        WriteRequest req = WriteRequest.newBuilder().addTimeseries(rw1Series("__name__", "kube_pod_info",
                "pod", "x".repeat(1500)).addSamples(rw1Sample(1, NOW))).build();
        ProcessedWrite w = new WriteRequestProcessor(ValidationLimits.defaults(), new RecordFormat(recordVersion, 100))
                .process("team-a", req.toByteArray(), req.getSerializedSize(), RemoteWriteVersion.V1, 1, NOW);
        assertThat(w.records()).hasSize(1);
        assertThat(w.records().get(0).value().length).isGreaterThan(100);
    }

    @org.junit.jupiter.api.Test
    void recordV0DecodesTheSameBytesAsV1() throws Exception {
        WriteRequest req = richRequest(6);
        ProcessedWrite w = new WriteRequestProcessor(ValidationLimits.defaults(), new RecordFormat(1, 1 << 20))
                .process("team-a", req.toByteArray(), req.getSerializedSize(), RemoteWriteVersion.V1, 1, NOW);
        byte[] value = w.records().get(0).value();
        assertThat(RecordDecoder.decode(value, RecordVersion.V0)).isEqualTo(RecordDecoder.decode(value, RecordVersion.V1));
        assertThat(new HashSet<>(RecordDecoder.decode(value, RecordVersion.V0).series())).isEqualTo(expectedSeries(req));
    }
}
