package io.tributary.ingester;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.support.RemoteReadClient;
import io.tributary.support.RemoteWriteClient;
import io.tributary.support.Series;
import io.tributary.support.TributaryProcess;
import io.tributary.testproto.rw1.Label;
import io.tributary.testproto.rw1.Sample;
import io.tributary.testproto.rw1.TimeSeries;
import io.tributary.testproto.rw1.WriteRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Where a partition reader starts, across restarts of one process on one data directory (so the embedded
 * broker's topic and the consumer groups persist) and on fresh TSDB directories (so there is no replay
 * checkpoint): {@code last-offset} replays from the checkpoint, else resumes after the group's committed offset;
 * {@code end} skips the backlog; {@code start} reads everything; {@code timestamp} starts at the first record
 * produced at or after the given time.
 */
@Timeout(240)
class StartPositionIT {
    private static final String TENANT = "team-startpos";
    private static final String METRIC = "startpos_probe";
    private static final int SERIES_PER_BATCH = 24;
    private static final int PARTITIONS = 4;
    private static final Duration READY = Duration.ofSeconds(90);
    private static final Pattern CONSUMING_FROM = Pattern.compile("partition (\\d+): consuming from offset (\\d+) \\(([^)]*)");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void eachStartPositionReadsWhatTheDocumentationSays() throws Exception {
        Path root = Files.createTempDirectory(Files.createDirectories(Path.of("target/it-data")), "StartPositionIT-");
        Path dataDir = root.resolve("data");
        int httpPort = TributaryProcess.freePort();
        int kafkaPort = TributaryProcess.freePort();
        String[] common = {"--ingest-storage.kafka.topic=startpos",
                "--ingest-storage.kafka.auto-create-topic-default-partitions=" + PARTITIONS};
        RemoteReadClient reader = new RemoteReadClient(httpPort);
        RemoteWriteClient writer = new RemoteWriteClient(httpPort);

        // A: default last-offset on an empty topic; batch 1 is pushed and read back.
        try (TributaryProcess a = TributaryProcess.start(dataDir, httpPort, kafkaPort, "run-a.log", common)) {
            a.awaitReady(READY);
            push(writer, 1);
            assertThat(batches(reader, "strong")).isEqualTo(Map.of(1, SERIES_PER_BATCH));
        }
        assertThat(dataDir.resolve("tsdb").resolve("replay-checkpoint.json")).exists();

        // B: same data dir, last-offset: the head is rebuilt from the replay checkpoint before readiness is 200.
        long batch2PushedAfter;
        try (TributaryProcess b = TributaryProcess.start(dataDir, httpPort, kafkaPort, "run-b.log", common)) {
            b.awaitReady(READY);
            // Readiness 200 means caught up: an eventual read, which does not wait for anything, already sees it all.
            assertThat(batches(reader, null)).as("eventual read right after readiness")
                    .isEqualTo(Map.of(1, SERIES_PER_BATCH));
            assertEveryPartitionRunning(httpPort);
            assertThat(startReasons(dataDir.resolve("run-b.log"))).hasSize(PARTITIONS)
                    .allSatisfy((p, reason) -> assertThat(reason).startsWith("replay checkpoint"));
            batch2PushedAfter = System.currentTimeMillis();
            Thread.sleep(5); // records of batch 2 get a create time strictly after batch2PushedAfter's millisecond
            push(writer, 2);
            assertThat(batches(reader, "strong")).isEqualTo(Map.of(1, SERIES_PER_BATCH, 2, SERIES_PER_BATCH));
        }

        // C: fresh TSDB dir (no checkpoint), end: the backlog is skipped; a new batch is read.
        try (TributaryProcess c = TributaryProcess.start(dataDir, httpPort, kafkaPort, "run-c.log", with(common,
                "--blocks-storage.tsdb.dir=" + root.resolve("tsdb-c"),
                "--ingest-storage.kafka.consume-from-position-at-startup=end"))) {
            c.awaitReady(READY);
            assertThat(batches(reader, "strong")).isEmpty();
            push(writer, 3);
            assertThat(batches(reader, "strong")).isEqualTo(Map.of(3, SERIES_PER_BATCH));
            assertThat(startReasons(dataDir.resolve("run-c.log"))).hasSize(PARTITIONS)
                    .allSatisfy((p, reason) -> assertThat(reason).startsWith("consume-from-position-at-startup=end"));
        }

        // D: fresh TSDB dir, start: everything still in the topic.
        try (TributaryProcess d = TributaryProcess.start(dataDir, httpPort, kafkaPort, "run-d.log", with(common,
                "--blocks-storage.tsdb.dir=" + root.resolve("tsdb-d"),
                "--ingest-storage.kafka.consume-from-position-at-startup=start"))) {
            d.awaitReady(READY);
            assertThat(batches(reader, null)).as("eventual read right after readiness")
                    .isEqualTo(Map.of(1, SERIES_PER_BATCH, 2, SERIES_PER_BATCH, 3, SERIES_PER_BATCH));
            assertEveryPartitionRunning(httpPort);
        }

        // E: fresh TSDB dir, timestamp: the first record produced at or after the moment before batch 2's push.
        try (TributaryProcess e = TributaryProcess.start(dataDir, httpPort, kafkaPort, "run-e.log", with(common,
                "--blocks-storage.tsdb.dir=" + root.resolve("tsdb-e"),
                "--ingest-storage.kafka.consume-from-position-at-startup=timestamp",
                "--ingest-storage.kafka.consume-from-timestamp-at-startup=" + batch2PushedAfter))) {
            e.awaitReady(READY);
            assertThat(batches(reader, "strong"))
                    .isEqualTo(Map.of(2, SERIES_PER_BATCH, 3, SERIES_PER_BATCH));
        }

        // F: fresh TSDB dir, last-offset: no checkpoint, so each partition resumes after the offset its consumer
        // group (tributary-partition-<n>, shared by every run) last committed: E's last consumed record, i.e. the
        // end of batch 3. Nothing older is read again; a new batch is.
        try (TributaryProcess f = TributaryProcess.start(dataDir, httpPort, kafkaPort, "run-f.log", with(common,
                "--blocks-storage.tsdb.dir=" + root.resolve("tsdb-f")))) {
            f.awaitReady(READY);
            assertThat(batches(reader, "strong")).isEmpty();
            Map<Integer, String> reasons = startReasons(dataDir.resolve("run-f.log"));
            assertThat(reasons).hasSize(PARTITIONS)
                    .allSatisfy((p, reason) -> assertThat(reason).startsWith("committed offset "));
            push(writer, 4);
            assertThat(batches(reader, "strong")).isEqualTo(Map.of(4, SERIES_PER_BATCH));
        }
        assertThat(Files.readString(dataDir.resolve("run-f.log")))
                .contains("offsets stored in consumer group tributary-partition-0");
    }

    private static String[] with(String[] common, String... more) {
        List<String> all = new ArrayList<>(List.of(common));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /**
     * Pushes {@link #SERIES_PER_BATCH} series labelled batch=n, one sample each at now. The token is Mimir's FNV-1
     * over the labels in order, which hardly mixes the last bytes; a label after {@code series} spreads the series
     * over every partition.
     */
    private static void push(RemoteWriteClient writer, int batch) {
        long now = System.currentTimeMillis();
        WriteRequest.Builder request = WriteRequest.newBuilder();
        for (int s = 0; s < SERIES_PER_BATCH; s++) {
            Map<String, String> labels = Series.labels("__name__", METRIC, "batch", Integer.toString(batch),
                    "series", Integer.toString(s), "zone", "eu-west-1");
            TimeSeries.Builder ts = TimeSeries.newBuilder();
            labels.forEach((n, v) -> ts.addLabels(Label.newBuilder().setName(n).setValue(v)));
            ts.addSamples(Sample.newBuilder().setTimestamp(now).setValue(batch * 1000 + s));
            request.addTimeseries(ts);
        }
        HttpResponse<String> response = writer.push(TENANT, RemoteWriteClient.V1_TYPE, request.build().toByteArray());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    /** batch → number of series read back; every series must hold exactly one sample, with its pushed value. */
    private static Map<Integer, Integer> batches(RemoteReadClient reader, String consistency) {
        RemoteReadClient.Result read = reader.read(TENANT, consistency, 0, Long.MAX_VALUE, METRIC);
        assertThat(read.status()).as(read.error()).isEqualTo(200);
        Map<Integer, Integer> counts = new TreeMap<>();
        Pattern labels = Pattern.compile("batch=\"(\\d+)\".*series=\"(\\d+)\"");
        read.series().forEach((series, samples) -> {
            Matcher m = labels.matcher(series);
            assertThat(m.find()).as(series).isTrue();
            int batch = Integer.parseInt(m.group(1));
            assertThat(samples).as("samples of %s (each is stored once)", series).hasSize(1);
            assertThat(samples.get(0)[1]).isEqualTo(batch * 1000 + Integer.parseInt(m.group(2)));
            counts.merge(batch, 1, Integer::sum);
        });
        return counts;
    }

    private void assertEveryPartitionRunning(int port) throws Exception {
        HttpResponse<String> readiness = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(readiness.statusCode()).isEqualTo(200);
        for (int p = 0; p < PARTITIONS; p++) {
            assertThat(readiness.body()).containsPattern("\"" + p + "\"\\s*:\\s*\"RUNNING at offset");
        }
        assertThat(readiness.body()).doesNotContain("CATCHING_UP", "FAILING", "DOWN");
    }

    /** partition → the reason the reader logged for its start offset. */
    private static Map<Integer, String> startReasons(Path log) throws Exception {
        Map<Integer, String> reasons = new TreeMap<>();
        Matcher m = CONSUMING_FROM.matcher(Files.readString(log));
        while (m.find()) {
            reasons.put(Integer.parseInt(m.group(1)), m.group(3));
        }
        return reasons;
    }
}
