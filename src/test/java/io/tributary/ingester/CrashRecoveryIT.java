package io.tributary.ingester;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.storage.LabelMatcher;
import io.tributary.storage.SampleCursor;
import io.tributary.storage.SeriesChunks;
import io.tributary.storage.block.BlockReader;
import io.tributary.support.RemoteReadClient;
import io.tributary.support.RemoteWriteClient;
import io.tributary.support.Series;
import io.tributary.support.TributaryProcess;
import io.tributary.testproto.rw1.Label;
import io.tributary.testproto.rw1.Sample;
import io.tributary.testproto.rw1.TimeSeries;
import io.tributary.testproto.rw1.WriteRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Kafka is the write-ahead log: Tributary is killed with SIGKILL while it takes writes and cuts blocks, started
 * again on the same data directory, and must then return every sample it acknowledged, with no sample stored
 * twice in its blocks.
 */
@Timeout(240)
class CrashRecoveryIT {
    private static final String TENANT = "team-crash";
    private static final int SERIES = 30;

    @Test
    void everyAcknowledgedSampleSurvivesKillNineAndBlocksHoldNoDuplicates() throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target/it-data")), "CrashRecoveryIT-");
        int httpPort = TributaryProcess.freePort();
        int kafkaPort = TributaryProcess.freePort();
        String[] args = {"--ingest-storage.kafka.topic=crash", "--ingest-storage.kafka.auto-create-topic-default-partitions=4",
                "--blocks-storage.tsdb.block-ranges-period=4s", "--blocks-storage.tsdb.retention-period=1h"};
        Map<String, Map<Long, Double>> acknowledged = new ConcurrentHashMap<>();
        // Timestamps only move forward across rounds, as a real sender's do: an older sample after a restart would
        // be refused by the head as out of order (a data error, as in Prometheus), not lost by the crash.
        AtomicLong lastTimestamp = new AtomicLong();

        for (int round = 0; round < 2; round++) {
            try (TributaryProcess app = TributaryProcess.start(dataDir, httpPort, kafkaPort, "run-" + round + ".log", args)) {
                app.awaitReady(Duration.ofSeconds(90));
                AtomicBoolean writing = new AtomicBoolean(true);
                Thread writer = new Thread(() -> writeUntilStopped(httpPort, writing, lastTimestamp, acknowledged));
                writer.start();
                Thread.sleep(6_000 + ThreadLocalRandom.current().nextInt(4_000));
                app.kill();
                writing.set(false);
                writer.join();
            }
        }
        assertThat(acknowledged).isNotEmpty();

        try (TributaryProcess app = TributaryProcess.start(dataDir, httpPort, kafkaPort, "verify.log", args)) {
            app.awaitReady(Duration.ofSeconds(90));
            RemoteReadClient.Result read = new RemoteReadClient(httpPort).read(TENANT, "strong", 0, Long.MAX_VALUE, "crash_probe");
            assertThat(read.status()).as(read.error()).isEqualTo(200);
            long expected = 0;
            for (Map.Entry<String, Map<Long, Double>> series : acknowledged.entrySet()) {
                Map<Long, Double> got = new HashMap<>();
                for (double[] s : read.series().getOrDefault(series.getKey(), List.of())) {
                    assertThat(got.put((long) s[0], s[1])).as("sample returned twice").isNull();
                }
                series.getValue().forEach((t, v) -> assertThat(got).as(series.getKey()).containsEntry(t, v));
                expected += series.getValue().size();
            }
            assertThat(read.sampleCount()).isGreaterThanOrEqualTo(expected);
        }
        assertBlocksHoldEachSampleOnce(dataDir.resolve("blocks").resolve(TENANT));
    }

    private static void writeUntilStopped(int port, AtomicBoolean writing, AtomicLong lastTimestamp,
            Map<String, Map<Long, Double>> acknowledged) {
        RemoteWriteClient client = new RemoteWriteClient(port);
        while (writing.get()) {
            long t = lastTimestamp.updateAndGet(last -> Math.max(last + 50, System.currentTimeMillis()));
            WriteRequest.Builder request = WriteRequest.newBuilder();
            Map<String, Double> values = new TreeMap<>();
            for (int s = 0; s < SERIES; s++) {
                Map<String, String> labels = Series.labels("__name__", "crash_probe", "series", Integer.toString(s));
                double value = t / 1000.0 + s;
                TimeSeries.Builder ts = TimeSeries.newBuilder();
                labels.forEach((n, v) -> ts.addLabels(Label.newBuilder().setName(n).setValue(v)));
                ts.addSamples(Sample.newBuilder().setTimestamp(t).setValue(value));
                request.addTimeseries(ts);
                values.put(RemoteReadClient.render(labels), value);
            }
            try {
                HttpResponse<String> response = client.push(TENANT, RemoteWriteClient.V1_TYPE, request.build().toByteArray());
                if (response.statusCode() == 204) {
                    long ts = t;
                    values.forEach((series, v) -> acknowledged.computeIfAbsent(series, k -> new ConcurrentHashMap<>()).put(ts, v));
                }
            } catch (RuntimeException e) {
                // The process is gone: nothing more is acknowledged.
            }
        }
    }

    private static void assertBlocksHoldEachSampleOnce(Path tenantBlocks) throws Exception {
        List<Path> blockDirs;
        try (Stream<Path> list = Files.list(tenantBlocks)) {
            blockDirs = list.filter(p -> Files.exists(p.resolve("meta.json"))).toList();
        }
        assertThat(blockDirs).as("blocks were cut and uploaded").isNotEmpty();
        Map<String, Set<Long>> seen = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (Path dir : blockDirs) {
            try (BlockReader block = BlockReader.open(dir)) {
                for (SeriesChunks series : block.select(Long.MIN_VALUE, Long.MAX_VALUE,
                        List.of(LabelMatcher.equal("__name__", "crash_probe")))) {
                    Set<Long> timestamps = seen.computeIfAbsent(series.labels().toString(), k -> new HashSet<>());
                    SampleCursor cursor = new SampleCursor(series, Long.MIN_VALUE, Long.MAX_VALUE);
                    while (cursor.next()) {
                        if (!timestamps.add(cursor.timestamp())) {
                            duplicates.add(series.labels() + "@" + cursor.timestamp() + " in " + dir.getFileName());
                        }
                    }
                }
            }
        }
        assertThat(duplicates).as("samples stored twice across blocks").isEmpty();
    }
}
