package io.tributary.ingester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.consumer.PartitionReaders;
import io.tributary.consumer.PartitionStatus;
import io.tributary.kafka.KafkaBootstrap;
import io.tributary.protocol.RecordVersion;
import io.tributary.storage.HistogramFixtures;
import io.tributary.storage.HistogramMessageDecoder;
import io.tributary.storage.NativeHistogram;
import io.tributary.support.PrometheusAgent;
import io.tributary.support.PrometheusServer;
import io.tributary.support.Promtool;
import io.tributary.support.RemoteReadClient;
import io.tributary.support.RemoteWriteClient;
import io.tributary.support.Series;
import io.tributary.support.ConsoleAdmin;
import io.tributary.support.TestApplicationProperties;
import io.tributary.testproto.rw1.BucketSpan;
import io.tributary.testproto.rw1.Histogram;
import io.tributary.testproto.rw1.Label;
import io.tributary.testproto.rw1.Sample;
import io.tributary.testproto.rw1.TimeSeries;
import io.tributary.testproto.rw1.WriteRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Push, consume, store, cut blocks and read back, on the real embedded broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ingest-storage.kafka.auto-create-topic-default-partitions=4",
        "blocks-storage.tsdb.block-ranges-period=10s",
        "blocks-storage.tsdb.retention-period=48h",
})
@Timeout(150)
class ReadPathIT {
    private static final long RANGE = 10_000;

    @DynamicPropertySource
    static void isolate(DynamicPropertyRegistry registry) {
        TestApplicationProperties.isolate(ReadPathIT.class, registry);
    }

    @LocalServerPort
    int port;

    @Value("${tributary.data-dir}")
    Path dataDir;

    @Autowired
    KafkaBootstrap bootstrap;

    @Autowired
    PartitionReaders readers;

    @Autowired
    TenantDatabases databases;

    /** {labels} → samples pushed, for comparing with what is read back. */
    private static WriteRequest request(String metric, String instance, int seriesCount, long firstTs, int samples,
            long step, Map<String, List<double[]>> pushed) {
        WriteRequest.Builder request = WriteRequest.newBuilder();
        for (int s = 0; s < seriesCount; s++) {
            Map<String, String> labels = Series.labels("__name__", metric, "instance", instance, "series", Integer.toString(s));
            TimeSeries.Builder ts = TimeSeries.newBuilder();
            labels.forEach((n, v) -> ts.addLabels(Label.newBuilder().setName(n).setValue(v)));
            for (int i = 0; i < samples; i++) {
                long t = firstTs + i * step;
                double value = s * 1000.0 + i + 0.25;
                ts.addSamples(Sample.newBuilder().setTimestamp(t).setValue(value));
                pushed.computeIfAbsent(RemoteReadClient.render(labels), k -> new ArrayList<>()).add(new double[] {t, value});
            }
            request.addTimeseries(ts);
        }
        return request.build();
    }

    private void assertReadBackExactly(String tenant, String metricRegex, long start, long end,
            Map<String, List<double[]>> pushed) {
        RemoteReadClient.Result result = new RemoteReadClient(port).read(tenant, "strong", start, end, metricRegex);
        assertThat(result.status()).as(result.error()).isEqualTo(200);
        assertThat(result.series().keySet()).containsExactlyInAnyOrderElementsOf(pushed.keySet());
        pushed.forEach((labels, samples) -> assertThat(result.series().get(labels)).as(labels)
                .usingElementComparator((a, b) -> a[0] == b[0] && a[1] == b[1] ? 0 : 1)
                .containsExactlyElementsOf(samples));
    }

    @Test
    void aStrongReadReturnsExactlyWhatEachTenantPushed() {
        RemoteWriteClient writer = new RemoteWriteClient(port);
        long now = System.currentTimeMillis();
        Map<String, Map<String, List<double[]>>> pushed = new TreeMap<>();
        for (String tenant : List.of("team-a", "team-b")) {
            Map<String, List<double[]>> mine = new TreeMap<>();
            for (int batch = 0; batch < 3; batch++) {
                WriteRequest request = request("http_requests_total", tenant + "-" + batch, 50, now + batch * 100, 5, 15, mine);
                HttpResponse<String> response = writer.push(tenant, RemoteWriteClient.V1_TYPE, request.toByteArray());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
            }
            pushed.put(tenant, mine);
        }
        for (String tenant : pushed.keySet()) {
            assertReadBackExactly(tenant, "http_requests_total", now - 1, now + 60_000, pushed.get(tenant));
        }
    }

    @Test
    void theLabelAndSeriesApisAnswerPerTenant() throws Exception {
        RemoteWriteClient writer = new RemoteWriteClient(port);
        long now = System.currentTimeMillis();
        WriteRequest request = request("api_probe", "web-1", 3, now, 1, 1, new TreeMap<>());
        assertThat(writer.push("team-api", RemoteWriteClient.V1_TYPE, request.toByteArray()).statusCode()).isEqualTo(204);
        // A strong read first, so the eventual metadata calls below see the data.
        assertThat(new RemoteReadClient(port).read("team-api", "strong", now - 1, now + 1, "api_probe").sampleCount())
                .isEqualTo(3);

        assertThat(get("team-api", "/api/v1/labels")).contains("\"__name__\"", "\"instance\"", "\"series\"");
        assertThat(get("team-api", "/api/v1/label/series/values")).contains("[\"0\",\"1\",\"2\"]");
        assertThat(get("team-api", "/api/v1/series?match%5B%5D=api_probe%7Bseries%3D%221%22%7D"))
                .contains("\"series\":\"1\"").doesNotContain("\"series\":\"2\"");
        assertThat(get("someone-else", "/api/v1/label/series/values")).contains("\"data\":[]");
    }

    /**
     * Adds native histogram series of every shape to a remote-write 1.0 request, including custom buckets (schema
     * -53, whose bounds travel in field 16 of the same Histogram message as in remote write 2.0). Returns
     * {labels} → the messages, in time order.
     */
    private static Map<String, List<byte[]>> addHistogramSeries(WriteRequest.Builder request, long window) {
        Map<String, List<byte[]>> added = new TreeMap<>();
        for (String shape : List.of("counter", "float", "gauge", "new-bucket", "stale", "custom-buckets")) {
            Map<String, String> labels = Series.labels("__name__", "backfilled_request_seconds", "shape", shape);
            TimeSeries.Builder ts = TimeSeries.newBuilder();
            labels.forEach((n, v) -> ts.addLabels(Label.newBuilder().setName(n).setValue(v)));
            for (int i = 0; i < 10; i++) {
                Histogram h = histogram(shape, i, window + i * 1_000L);
                ts.addHistograms(h);
                added.computeIfAbsent(RemoteReadClient.render(labels), k -> new ArrayList<>()).add(h.toByteArray());
            }
            request.addTimeseries(ts);
        }
        return added;
    }

    /** Sample {@code i} of a histogram series of the given shape. */
    private static Histogram histogram(String shape, int i, long timestamp) {
        Histogram.Builder h = Histogram.newBuilder().setTimestamp(timestamp).setSchema(2)
                .setZeroThreshold(Math.scalb(1.0, -128));
        BucketSpan two = BucketSpan.newBuilder().setOffset(-2).setLength(2).build();
        switch (shape) {
            case "float" -> h.setCountFloat(3.5 * i).setZeroCountFloat(0.5 * i).setSum(-2.25 * i)
                    .addPositiveSpans(two).addPositiveCounts(1.25 * i).addPositiveCounts(i)
                    .addNegativeSpans(BucketSpan.newBuilder().setOffset(1).setLength(1)).addNegativeCounts(0.75 * i);
            case "gauge" -> h.setResetHint(Histogram.ResetHint.GAUGE).setCountInt(3 + i % 3).setZeroCountInt(1)
                    .setSum(i % 2 == 0 ? 7 : -3).addPositiveSpans(two).addPositiveDeltas(2).addPositiveDeltas(i % 3 - 2);
            case "new-bucket" -> {
                h.setCountInt(3L * i).setZeroCountInt(0).setSum(i).addPositiveSpans(two)
                        .addPositiveDeltas(i).addPositiveDeltas(i);
                if (i >= 5) {
                    h.setCountInt(4L * i).addPositiveSpans(BucketSpan.newBuilder().setOffset(3).setLength(1))
                            .addPositiveDeltas(-i);
                }
            }
            case "custom-buckets" -> h.setSchema(-53).clearZeroThreshold().setCountInt(6L * i).setZeroCountInt(0)
                    .setSum(0.4 * i).addPositiveSpans(BucketSpan.newBuilder().setLength(3))
                    .addPositiveDeltas(i).addPositiveDeltas(0).addPositiveDeltas(3L * i)
                    .addCustomValues(0.05).addCustomValues(0.25).addCustomValues(1.5);
            case "stale" -> {
                h.setCountInt(i).setZeroCountInt(i).setSum(i);
                if (i >= 8) {
                    h.setSum(Double.longBitsToDouble(0x7ff0000000000002L));
                }
            }
            default -> {
                // A counter whose process restarts after sample 5: counts start again from zero.
                long n = i <= 5 ? 1_000_003L * i : i - 6;
                h.setCountInt(3 * n + 1).setZeroCountInt(1).setSum(0.5 * n).addPositiveSpans(two)
                        .addPositiveDeltas(n).addPositiveDeltas(0)
                        .addNegativeSpans(BucketSpan.newBuilder().setOffset(0).setLength(1)).addNegativeDeltas(n);
            }
        }
        return h.build();
    }

    /** Reads histograms back and compares each with what was pushed; reset hints are the block's, not the sender's. */
    private void assertHistogramsReadBack(String tenant, long start, long end, Map<String, List<byte[]>> pushed) {
        RemoteReadClient.Result result = new RemoteReadClient(port).read(tenant, "strong", start, end,
                "backfilled_request_seconds");
        assertThat(result.status()).as(result.error()).isEqualTo(200);
        assertThat(result.histograms().keySet()).containsExactlyInAnyOrderElementsOf(pushed.keySet());
        pushed.forEach((labels, messages) -> {
            List<Histogram> read = result.histograms().get(labels);
            assertThat(read).as(labels).hasSameSizeAs(messages);
            for (int i = 0; i < messages.size(); i++) {
                NativeHistogram expected = HistogramMessageDecoder.decode(messages.get(i));
                NativeHistogram actual = HistogramMessageDecoder.decode(read.get(i).toByteArray());
                assertThat(HistogramFixtures.storedForm(actual)).as("%s sample %d", labels, i)
                        .isEqualTo(HistogramFixtures.storedForm(expected));
                assertThat(actual.isGauge()).isEqualTo(expected.isGauge());
            }
        });
    }

    @Test
    void aClosedWindowBecomesABlockInTheBucketThatPromtoolDumpsExactly() throws Exception {
        long window = Math.floorDiv(System.currentTimeMillis() - 3_600_000, RANGE) * RANGE;
        Map<String, List<double[]>> pushed = new TreeMap<>();
        WriteRequest.Builder request = request("backfilled_temperature", "sensor-1", 20, window, 10, 1_000, pushed)
                .toBuilder();
        // One request: a window may be cut as soon as what was pushed is consumed, refusing later pushes into it.
        Map<String, List<byte[]>> histograms = addHistogramSeries(request, window);
        HttpResponse<String> response = new RemoteWriteClient(port).push("team-blocks", RemoteWriteClient.V1_TYPE,
                request.build().toByteArray());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        assertThat(response.headers().firstValue("X-Prometheus-Remote-Write-Histograms-Written")).contains("60");

        Path tenantBucket = dataDir.resolve("blocks").resolve("team-blocks");
        await().atMost(Duration.ofSeconds(60)).until(() -> blockMetas(tenantBucket).size() == 1);
        Path meta = blockMetas(tenantBucket).get(0);
        // 200 float samples and 60 native histograms.
        assertThat(Files.readString(meta)).containsPattern("\"minTime\"\\s*:\\s*" + window)
                .containsPattern("\"numSamples\"\\s*:\\s*260").containsPattern("\"__org_id__\"\\s*:\\s*\"team-blocks\"");

        // Once the head is truncated, reads come from the block alone and still return every sample once.
        await().atMost(Duration.ofSeconds(30)).until(() -> databases.heads().get("team-blocks").numSeries() == 0);
        assertReadBackExactly("team-blocks", "backfilled_temperature", window, window + RANGE, pushed);
        assertHistogramsReadBack("team-blocks", window, window + RANGE, histograms);

        Assumptions.assumeTrue(Promtool.installed(), "promtool is not installed");
        // promtool 2.42 dumps float samples only; the histograms are checked by Prometheus itself below.
        Map<String, List<double[]>> dumped = Promtool.dump(tenantBucket, window, window + RANGE - 1);
        assertThat(dumped.keySet()).containsExactlyInAnyOrderElementsOf(pushed.keySet());
        pushed.forEach((labels, samples) -> assertThat(dumped.get(labels))
                .usingElementComparator((a, b) -> a[0] == b[0] && a[1] == b[1] ? 0 : 1).containsExactlyElementsOf(samples));

        assertPrometheusReadsTheHistograms(meta.getParent(), window);
    }

    /** A real Prometheus 2.42, started on a copy of the block, returns the last counter histogram pushed. */
    private void assertPrometheusReadsTheHistograms(Path block, long window) throws Exception {
        Assumptions.assumeTrue(PrometheusAgent.installed(), "prometheus is not installed");
        Path tsdb = dataDir.resolve("prometheus-on-block").resolve("data");
        Path copy = tsdb.resolve(block.getFileName());
        Files.createDirectories(copy.resolve("chunks"));
        try (Stream<Path> files = Files.walk(block)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, copy.resolve(block.relativize(file).toString()));
            }
        }
        try (PrometheusServer prometheus = PrometheusServer.startOnBlocks(tsdb.getParent(), tsdb)) {
            String answer = prometheus.query("backfilled_request_seconds{shape=\"counter\"}", window + 9_000);
            // Sample 9 comes after the restart: n = 3, so count 3n+1 = 10, sum 1.5, buckets of 3.
            assertThat(answer).as(prometheus.log()).contains("\"count\":\"10\"", "\"sum\":\"1.5\"")
                    .contains("\"3\"]");
        }
    }

    @Test
    void anUndecodableRecordIsSkippedCountedAndShownWithItsOffset() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap.producer(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            ProducerRecord<byte[], byte[]> garbage = new ProducerRecord<>("readpathit", 2,
                    "team-garbage".getBytes(StandardCharsets.UTF_8), new byte[] {0x0a, (byte) 0xff, 0x01, 0x02});
            garbage.headers().add(RecordVersion.HEADER_KEY, ByteBuffer.allocate(4).putInt(1).array());
            producer.send(garbage).get(10, TimeUnit.SECONDS);
        }
        long now = System.currentTimeMillis();
        Map<String, List<double[]>> pushed = new TreeMap<>();
        WriteRequest request = request("after_garbage", "host-1", 40, now, 2, 10, pushed);
        assertThat(new RemoteWriteClient(port).push("team-garbage", RemoteWriteClient.V1_TYPE, request.toByteArray())
                .statusCode()).isEqualTo(204);

        assertReadBackExactly("team-garbage", "after_garbage", now - 1, now + 100, pushed);
        PartitionStatus partition2 = readers.statuses().stream().filter(s -> s.partition() == 2).findFirst().orElseThrow();
        assertThat(partition2.undecodableRecords()).isEqualTo(1);
        assertThat(partition2.lastError()).contains("could not be decoded and was skipped").contains("offset");
        assertThat(ConsoleAdmin.get(port, "/actuator/prometheus").body())
                .contains("tributary_ingest_storage_reader_requests_failed_total{cause=\"decode\",partition=\"2\"} 1.0");
    }

    @Test
    void recordsLargerThanOnePartitionFetchAreConsumed() {
        // 24,000 series with 240 random base64 characters each: ~1.7 MB of labels per partition record, which
        // snappy cannot shrink below the readers' 1 MiB max.partition.fetch.bytes. The broker must still hand
        // each batch over whole (KIP-74), or the readers would stall on it.
        java.util.Random random = new java.util.Random(42);
        WriteRequest.Builder request = WriteRequest.newBuilder();
        long now = System.currentTimeMillis();
        for (int s = 0; s < 24_000; s++) {
            byte[] noise = new byte[180];
            random.nextBytes(noise);
            request.addTimeseries(TimeSeries.newBuilder()
                    .addLabels(Label.newBuilder().setName("__name__").setValue("large_record"))
                    .addLabels(Label.newBuilder().setName("noise").setValue(Base64.getEncoder().encodeToString(noise)))
                    .addLabels(Label.newBuilder().setName("series").setValue(Integer.toString(s)))
                    .addSamples(Sample.newBuilder().setTimestamp(now).setValue(s)));
        }
        HttpResponse<String> response = new RemoteWriteClient(port).push("team-large", RemoteWriteClient.V1_TYPE,
                request.build().toByteArray());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        RemoteReadClient.Result result = new RemoteReadClient(port).read("team-large", "strong", now - 1, now + 1,
                "large_record");
        assertThat(result.status()).as(result.error()).isEqualTo(200);
        assertThat(result.sampleCount()).isEqualTo(24_000);
    }

    @Test
    void readinessReportsEveryPartitionReaderRunning() throws Exception {
        String readiness = get("x", "/actuator/health/readiness");
        assertThat(readiness).contains("\"ingester\"").contains("RUNNING").doesNotContain("DOWN");
    }

    private static List<Path> blockMetas(Path tenantBucket) throws IOException {
        if (!Files.isDirectory(tenantBucket)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(tenantBucket)) {
            return walk.filter(p -> p.getFileName().toString().equals("meta.json")).toList();
        }
    }

    private String get(String tenant, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((tenant + ":x").getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30)).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
