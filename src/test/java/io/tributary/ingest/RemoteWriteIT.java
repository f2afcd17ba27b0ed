package io.tributary.ingest;

import io.tributary.distributor.PartitionRing;
import io.tributary.distributor.SeriesToken;
import io.tributary.kafka.KafkaBootstrap;
import io.tributary.kafka.TopicProvisioner;
import io.tributary.protocol.Label;
import io.tributary.protocol.RecordVersion;
import io.tributary.support.ConsoleAdmin;
import io.tributary.support.RemoteWriteClient;
import io.tributary.support.Series;
import io.tributary.support.TestApplicationProperties;
import io.tributary.support.TopicRecords;
import io.tributary.testproto.rw1.WriteRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The remote-write endpoint against the real embedded broker: records land where and as Mimir expects. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ingest-storage.kafka.auto-create-topic-default-partitions=4",
        "distributor.max-recv-msg-size=1MB",
        "distributor.tenant-limits.team-throttled.ingestion-rate-limit=10",
        "distributor.tenant-limits.team-throttled.ingestion-burst-size=100",
})
@Timeout(120)
class RemoteWriteIT {

    @DynamicPropertySource
    static void isolate(DynamicPropertyRegistry registry) {
        TestApplicationProperties.isolate(RemoteWriteIT.class, registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    KafkaBootstrap bootstrap;

    @Autowired
    TopicProvisioner topic;

    RemoteWriteClient client;

    @BeforeEach
    void client() {
        client = new RemoteWriteClient(port);
    }

    private long now() {
        return System.currentTimeMillis();
    }

    @Test
    void aRemoteWrite2RequestIsAcknowledgedWithExactWrittenCounts() {
        List<Map<String, String>> series = Series.nodeSeries("rw2-host", 50);

        HttpResponse<String> response = client.push("team-a", RemoteWriteClient.V2_TYPE,
                Series.v2(series, now(), 1.5).toByteArray());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        assertThat(response.headers().firstValue("X-Prometheus-Remote-Write-Samples-Written")).contains("50");
        assertThat(response.headers().firstValue("X-Prometheus-Remote-Write-Histograms-Written")).contains("0");
        assertThat(response.headers().firstValue("X-Prometheus-Remote-Write-Exemplars-Written")).contains("0");
    }

    @Test
    void everySeriesLandsInThePartitionOfItsTokenKeyedByTenantWithTheVersionHeader() {
        List<Map<String, String>> series = Series.nodeSeries("routing-host", 200);
        long timestamp = now();

        HttpResponse<String> response = client.push("team-routing", RemoteWriteClient.V1_TYPE,
                Series.v1(series, timestamp, 42).toByteArray());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);

        List<TopicRecords.Found> records = TopicRecords.readAll(bootstrap.consumer(), topic.topic()).stream()
                .filter(found -> found.tenant().equals("team-routing")).toList();
        int partitions = topic.partitionCount();
        PartitionRing ring = new PartitionRing();
        Map<String, Integer> partitionBySeries = records.stream()
                .flatMap(found -> found.request().series().stream()
                        .map(s -> Map.entry(render(s.labels()), found.partition())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(partitionBySeries).hasSize(200);
        assertThat(records).allSatisfy(found -> assertThat(found.version()).isEqualTo(RecordVersion.of(1)));
        for (Map<String, String> labels : series) {
            int expected = ring.partitionOf(token("team-routing", labels), partitions);
            assertThat(partitionBySeries.get(render(labels))).as(render(labels)).isEqualTo(expected);
        }
        assertThat(partitionBySeries.values().stream().distinct().count())
                .as("200 series spread over all 4 partitions").isEqualTo(4);
        assertThat(records.stream().flatMap(f -> f.request().series().stream())
                .allMatch(s -> s.samples().size() == 1 && s.samples().get(0).timestamp() == timestamp
                        && s.samples().get(0).value() == 42.0)).isTrue();
    }

    @Test
    void aRequestWithoutTenantIsUnauthorized() {
        HttpResponse<String> response = client.push(null, RemoteWriteClient.V1_TYPE,
                Series.v1(Series.nodeSeries("h", 1), now(), 1).toByteArray());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("X-Scope-OrgID");
    }

    @Test
    void unknownContentTypesAndEncodingsAreUnsupportedMediaTypes() {
        byte[] body = RemoteWriteClient.snappy(Series.v1(Series.nodeSeries("h", 1), now(), 1).toByteArray());

        assertThat(client.send("team-a", "application/json", "snappy", body).statusCode()).isEqualTo(415);
        assertThat(client.send("team-a", RemoteWriteClient.V1_TYPE, "gzip", body).statusCode()).isEqualTo(415);
        HttpResponse<String> v3 = client.send("team-a", "application/x-protobuf;proto=io.prometheus.write.v3.Request",
                "snappy", body);
        assertThat(v3.statusCode()).isEqualTo(415);
        assertThat(v3.headers().firstValue("X-Prometheus-Remote-Write-Samples-Written")).contains("0");
    }

    @Test
    void aBodyOverTheMessageSizeLimitIsTooLarge() {
        byte[] incompressible = new byte[1_500_000];
        new Random(7).nextBytes(incompressible);

        HttpResponse<String> response = client.send("team-a", RemoteWriteClient.V1_TYPE, "snappy", incompressible);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("distributor.max-recv-msg-size");
    }

    @Test
    void aBodyThatDecompressesPastTheLimitIsTooLarge() {
        byte[] zeros = new byte[3_000_000];

        HttpResponse<String> response = client.send("team-a", RemoteWriteClient.V1_TYPE, "snappy",
                RemoteWriteClient.snappy(zeros));

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void aTenantOverItsRateLimitIsTooManyRequestsWithRetryAfter() {
        HttpResponse<String> response = client.push("team-throttled", RemoteWriteClient.V1_TYPE,
                Series.v1(Series.nodeSeries("busy-host", 150), now(), 1).toByteArray());

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.body()).contains("team-throttled");
    }

    @Test
    void invalidSeriesAreRejectedWithAReasonWhileTheValidRestIsWritten() {
        List<Map<String, String>> series = new java.util.ArrayList<>(Series.nodeSeries("partial-host", 3));
        series.add(Series.labels("__name__", "node_load1", "bad-label-name", "x"));

        HttpResponse<String> response = client.push("team-a", RemoteWriteClient.V1_TYPE,
                Series.v1(series, now(), 1).toByteArray());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("bad-label-name");
        assertThat(response.headers().firstValue("X-Prometheus-Remote-Write-Samples-Written")).contains("3");
    }

    @Test
    void samplesTooFarInTheFutureAreRejected() {
        HttpResponse<String> response = client.push("team-a", RemoteWriteClient.V1_TYPE,
                Series.v1(Series.nodeSeries("future-host", 1), now() + 3_600_000, 1).toByteArray());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("X-Prometheus-Remote-Write-Samples-Written")).contains("0");
    }

    @Test
    void corruptSnappyAndMalformedProtobufAreBadRequests() {
        assertThat(client.send("team-a", RemoteWriteClient.V1_TYPE, "snappy",
                "not snappy at all".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
        byte[] truncated = Series.v1(Series.nodeSeries("h", 5), now(), 1).toByteArray();
        truncated = java.util.Arrays.copyOf(truncated, truncated.length - 3);
        HttpResponse<String> response = client.push("team-a", RemoteWriteClient.V1_TYPE, truncated);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("malformed");
    }

    @Test
    void fuzzedBodiesNeverCauseA5xxAndTheEndpointKeepsWorking() {
        Random random = new Random(20261121);
        byte[] valid = Series.v2(Series.nodeSeries("fuzz-host", 20), now(), 3).toByteArray();
        for (int i = 0; i < 300; i++) {
            byte[] body = valid.clone();
            int flips = 1 + random.nextInt(8);
            for (int f = 0; f < flips; f++) {
                body[random.nextInt(body.length)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(4) == 0) {
                body = java.util.Arrays.copyOf(body, random.nextInt(body.length));
            }
            boolean compressFirst = random.nextBoolean();
            byte[] sent = compressFirst ? RemoteWriteClient.snappy(body) : body;
            String type = random.nextBoolean() ? RemoteWriteClient.V2_TYPE : RemoteWriteClient.V1_TYPE;
            HttpResponse<String> response = client.send("team-fuzz", type, "snappy", sent);
            assertThat(response.statusCode()).as("fuzz case %d: %s", i, response.body()).isLessThan(500);
        }
        HttpResponse<String> after = client.push("team-fuzz", RemoteWriteClient.V2_TYPE, valid);
        assertThat(after.statusCode()).isIn(204, 400);
        HttpResponse<String> fresh = client.push("team-fuzz", RemoteWriteClient.V2_TYPE,
                Series.v2(Series.nodeSeries("fuzz-after", 5), now(), 1).toByteArray());
        assertThat(fresh.statusCode()).isEqualTo(204);
    }

    @Test
    void aMetadataOnlyRequestIsAccepted() {
        WriteRequest metadataOnly = WriteRequest.newBuilder()
                .addMetadata(io.tributary.testproto.rw1.MetricMetadata.newBuilder()
                        .setType(io.tributary.testproto.rw1.MetricMetadata.MetricType.COUNTER)
                        .setMetricFamilyName("node_cpu_seconds_total")
                        .setHelp("Seconds the CPUs spent in each mode."))
                .build();

        HttpResponse<String> response = client.push("team-a", RemoteWriteClient.V1_TYPE, metadataOnly.toByteArray());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    @Test
    void writerMetricsUseMimirsNamesAndRequestsAreCountedByStatus() throws Exception {
        client.push("team-metrics", RemoteWriteClient.V1_TYPE,
                Series.v1(Series.nodeSeries("metrics-host", 10), now(), 1).toByteArray());
        client.push(null, RemoteWriteClient.V1_TYPE, Series.v1(Series.nodeSeries("h", 1), now(), 1).toByteArray());

        String metrics = ConsoleAdmin.get(port, "/actuator/prometheus").body();

        assertThat(metrics)
                .contains("tributary_ingest_storage_writer_latency_seconds_count{outcome=\"success\"")
                .contains("tributary_ingest_storage_writer_sent_bytes_total")
                .contains("tributary_ingest_storage_writer_records_per_write_request_count")
                .contains("tributary_ingest_storage_writer_produce_records_enqueued_total")
                .contains("tributary_ingest_storage_writer_produce_records_failed_total{reason=\"timeout\"")
                .containsPattern("tributary_remote_write_requests_total\\{status_code=\"204\",version=\"1.0\"\\} [1-9]")
                .containsPattern("tributary_remote_write_requests_total\\{status_code=\"401\",version=\"1.0\"\\} [1-9]");
    }

    @Test
    void staleMarkersNativeHistogramsAndExemplarsPassThroughToTheTopic() {
        long timestamp = now();
        long staleNaN = 0x7ff0000000000002L;
        io.tributary.testproto.rw2.Histogram histogram = io.tributary.testproto.rw2.Histogram.newBuilder()
                .setCountInt(12).setSum(3.5).setSchema(3).setZeroThreshold(1e-128).setZeroCountInt(2)
                .addPositiveSpans(io.tributary.testproto.rw2.BucketSpan.newBuilder().setOffset(1).setLength(2))
                .addPositiveDeltas(4).addPositiveDeltas(2).setTimestamp(timestamp).build();
        io.tributary.testproto.rw2.Request request = io.tributary.testproto.rw2.Request.newBuilder()
                .addAllSymbols(List.of("", "__name__", "http_request_duration_seconds", "job", "api",
                        "up", "trace_id", "4bf92f3577b34da6"))
                .addTimeseries(io.tributary.testproto.rw2.TimeSeries.newBuilder()
                        .addAllLabelsRefs(List.of(1, 2, 3, 4))
                        .addHistograms(histogram)
                        .addExemplars(io.tributary.testproto.rw2.Exemplar.newBuilder()
                                .addAllLabelsRefs(List.of(6, 7)).setValue(0.25).setTimestamp(timestamp)))
                .addTimeseries(io.tributary.testproto.rw2.TimeSeries.newBuilder()
                        .addAllLabelsRefs(List.of(1, 5, 3, 4))
                        .addSamples(io.tributary.testproto.rw2.Sample.newBuilder()
                                .setValue(Double.longBitsToDouble(staleNaN)).setTimestamp(timestamp)))
                .build();

        HttpResponse<String> response = client.push("team-passthrough", RemoteWriteClient.V2_TYPE, request.toByteArray());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        assertThat(response.headers().firstValue("X-Prometheus-Remote-Write-Samples-Written")).contains("1");
        assertThat(response.headers().firstValue("X-Prometheus-Remote-Write-Histograms-Written")).contains("1");
        assertThat(response.headers().firstValue("X-Prometheus-Remote-Write-Exemplars-Written")).contains("1");
        List<io.tributary.protocol.Series> written = TopicRecords.readAll(bootstrap.consumer(), topic.topic()).stream()
                .filter(found -> found.tenant().equals("team-passthrough"))
                .flatMap(found -> found.request().series().stream()).toList();
        io.tributary.protocol.Series up = written.stream().filter(s -> s.metricName().equals("up")).findFirst().orElseThrow();
        assertThat(up.samples().get(0).valueBits()).as("stale marker bits, not a canonical NaN").isEqualTo(staleNaN);
        io.tributary.protocol.Series latency = written.stream()
                .filter(s -> s.metricName().equals("http_request_duration_seconds")).findFirst().orElseThrow();
        assertThat(latency.histograms()).singleElement().satisfies(h -> {
            assertThat(h.timestamp()).isEqualTo(timestamp);
            assertThat(h.encoded()).as("histogram bytes as sent").isEqualTo(histogram.toByteArray());
        });
        assertThat(latency.exemplars()).singleElement().satisfies(e -> {
            assertThat(e.labels()).containsExactly(new Label("trace_id", "4bf92f3577b34da6"));
            assertThat(Double.longBitsToDouble(e.valueBits())).isEqualTo(0.25);
        });
    }

    static int token(String tenant, Map<String, String> labels) {
        int h = SeriesToken.seed(tenant.getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, String> label : labels.entrySet()) {
            byte[] name = label.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = label.getValue().getBytes(StandardCharsets.UTF_8);
            h = SeriesToken.add(h, name, 0, name.length);
            h = SeriesToken.add(h, value, 0, value.length);
        }
        return h;
    }

    static String render(Map<String, String> labels) {
        return labels.toString();
    }

    static String render(List<Label> labels) {
        return labels.stream().collect(Collectors.toMap(Label::name, Label::value, (a, b) -> a,
                java.util.TreeMap::new)).toString();
    }
}
