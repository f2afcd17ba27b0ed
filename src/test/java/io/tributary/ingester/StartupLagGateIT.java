package io.tributary.ingester;

import static io.tributary.testing.Fixtures.rw1Sample;
import static io.tributary.testing.Fixtures.rw1Series;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.support.MimirStyleProducer;
import io.tributary.support.QuotaKafkaBroker;
import io.tributary.support.RemoteReadClient;
import io.tributary.support.TributaryProcess;
import io.tributary.testing.MimirRecords;
import io.tributary.testing.MimirRecords.MimirRecord;
import io.tributary.testproto.mimir.WriteRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The startup lag gate, without timing luck: Tributary starts (as a process of its own) on a topic that already
 * holds a backlog, while a real Kafka client quota on its client id holds its fetches to a trickle. Tributary's
 * gate measures lag as the time one round takes to consume up to the offset last produced when the round began,
 * so no round can finish while the backlog is still there, however long that is; the test watches readiness stay
 * 503 for more than twice {@code max-consumer-lag-at-startup}, every partition still short of its last offset,
 * then lifts the quota and expects readiness within a bound and a strong read that returns the whole backlog.
 */
@Timeout(150)
class StartupLagGateIT {
    private static final Logger log = LoggerFactory.getLogger(StartupLagGateIT.class);

    private static final String TOPIC = "lag-gate";
    private static final String CLIENT_ID = "lag-gate-ingester";
    private static final String TENANT = "team-backlog";
    private static final String METRIC = "checkout_orders_total";
    private static final int PARTITIONS = 2;
    private static final int RECORDS_PER_PARTITION = 250;
    private static final int SERIES_PER_PARTITION = 40;
    private static final long LAST_PRODUCED = RECORDS_PER_PARTITION - 1;
    /**
     * The backlog is about 2 MB (uncompressed records of about 4 KB, in producer batches of up to 16 KB): at 16 KB/s
     * it would take two minutes, several times as long as the app is throttled here. Batches stay below
     * the rate, so a throttle lasts a second or two; a fetch quota's throttle is not bounded by the broker, and a
     * batch many times the rate would leave the client sitting out long after the quota is gone.
     */
    private static final long THROTTLED_BYTES_PER_SECOND = 16 * 1024;
    private static final Duration MAX_LAG = Duration.ofSeconds(2);
    private static final Duration TARGET_LAG = Duration.ofSeconds(1);
    /** Longer than the max lag, twice over: a gate that gave up waiting after max-lag would show here. */
    private static final Duration NOT_READY_FOR = MAX_LAG.multipliedBy(2).plusSeconds(1);
    /**
     * The longest fetch-max-wait allowed, longer than the 10 s a reader waits for an offset lookup: the broker holds
     * a fetch that long on a partition with nothing new, and a lag-gate question that queued behind it on the
     * reader's own connection (as it once did) would time out, fail the reader and hold readiness back.
     */
    private static final Duration FETCH_MAX_WAIT = Duration.ofSeconds(30);
    /** A throttle left over from the quota (a second or two), the catch-up itself, and one quick gate round. */
    private static final Duration READY_AFTER_UNTHROTTLE = Duration.ofSeconds(8);
    private static final Pattern PROGRESS = Pattern.compile("([A-Z_]+) at offset (-?\\d+)");

    private record Progress(String state, long offset) {
    }

    @Test
    void readinessStaysDownWhileTheBacklogIsConsumedAndComesUpOnceItIsCaughtUp() throws Exception {
        Path root = Files.createTempDirectory(Files.createDirectories(Path.of("target/it-data")), "StartupLagGateIT-");
        QuotaKafkaBroker broker = new QuotaKafkaBroker(root.resolve("kafka"));
        broker.start();
        try {
            long firstSample = System.currentTimeMillis() / 1000 * 1000 - 600_000;
            produceBacklog(broker, firstSample);
            broker.throttleFetches(CLIENT_ID, THROTTLED_BYTES_PER_SECOND);

            int httpPort = TributaryProcess.freePort();
            try (TributaryProcess app = TributaryProcess.start(root.resolve("data"), httpPort, TributaryProcess.freePort(),
                    "app.log", "--ingest-storage.kafka.address=" + broker.bootstrapServers(),
                    "--ingest-storage.kafka.topic=" + TOPIC, "--ingest-storage.kafka.client-id=" + CLIENT_ID,
                    "--ingest-storage.kafka.max-consumer-lag-at-startup=" + MAX_LAG.toSeconds() + "s",
                    "--ingest-storage.kafka.target-consumer-lag-at-startup=" + TARGET_LAG.toSeconds() + "s",
                    "--ingest-storage.kafka.fetch-max-wait=" + FETCH_MAX_WAIT.toSeconds() + "s")) {
                app.awaitListening(Duration.ofSeconds(90));

                long highestOffsetWhileThrottled = assertNotReadyWhileThrottled(app);

                broker.removeFetchThrottle(CLIENT_ID);
                long unthrottled = System.nanoTime();
                app.awaitReady(READY_AFTER_UNTHROTTLE);
                log.info("readiness stayed 503 for {} ms while throttled (highest offset consumed {} of {}); "
                        + "200 {} ms after the quota was removed", NOT_READY_FOR.toMillis(), highestOffsetWhileThrottled,
                        LAST_PRODUCED, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - unthrottled));

                Map<Integer, Progress> ready = partitions(app.readiness().body());
                assertThat(ready).hasSize(PARTITIONS)
                        .allSatisfy((p, progress) -> assertThat(progress).isEqualTo(new Progress("RUNNING", LAST_PRODUCED)));
                assertThat(app.log()).contains("partition 0: caught up at offset " + LAST_PRODUCED,
                        "partition 1: caught up at offset " + LAST_PRODUCED).doesNotContain("failed at offset");
                assertStrongReadReturnsTheWholeBacklog(httpPort, firstSample);
            }
        } finally {
            broker.stop();
        }
    }

    /** Probes readiness for {@link #NOT_READY_FOR}; returns the highest offset a partition reached meanwhile. */
    private static long assertNotReadyWhileThrottled(TributaryProcess app) throws Exception {
        long highest = -1;
        int probes = 0;
        long until = System.nanoTime() + NOT_READY_FOR.toNanos();
        while (System.nanoTime() < until) {
            HttpResponse<String> readiness = app.readiness();
            String body = readiness.body();
            assertThat(readiness.statusCode()).as(body).isEqualTo(503);
            // Down because of the partition readers alone: the broker is reachable.
            JsonNode components = JsonMapper.shared().readTree(body).path("components");
            assertThat(components.path("ingester").path("status").asString()).as(body).isEqualTo("DOWN");
            assertThat(components.path("kafka").path("status").asString()).as(body).isEqualTo("UP");
            assertThat(components.path("readinessState").path("status").asString()).as(body).isEqualTo("UP");
            Map<Integer, Progress> partitions = partitions(body);
            assertThat(partitions).as(body).hasSize(PARTITIONS);
            for (Progress progress : partitions.values()) {
                assertThat(progress.state()).as(body).isIn("STARTING", "CATCHING_UP");
                assertThat(progress.offset()).as("the backlog is not consumed yet: %s", body).isLessThan(LAST_PRODUCED);
                highest = Math.max(highest, progress.offset());
            }
            probes++;
            Thread.sleep(200);
        }
        assertThat(probes).isGreaterThanOrEqualTo(10);
        return highest;
    }

    /** partition → state and last consumed offset, from the ingester's readiness details. */
    private static Map<Integer, Progress> partitions(String readiness) {
        Map<Integer, Progress> partitions = new TreeMap<>();
        JsonNode details = JsonMapper.shared().readTree(readiness).path("components").path("ingester").path("details");
        for (Map.Entry<String, JsonNode> partition : details.path("partitions").properties()) {
            Matcher m = PROGRESS.matcher(partition.getValue().asString());
            assertThat(m.lookingAt()).as(readiness).isTrue();
            partitions.put(Integer.parseInt(partition.getKey()), new Progress(m.group(1), Long.parseLong(m.group(2))));
        }
        return partitions;
    }

    /**
     * {@link #RECORDS_PER_PARTITION} version-1 records per partition, each one sample a second for the partition's
     * {@link #SERIES_PER_PARTITION} series: value = record index * 1000 + series.
     */
    private static void produceBacklog(QuotaKafkaBroker broker, long firstSample) throws Exception {
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (MimirStyleProducer producer = new MimirStyleProducer(broker.bootstrapServers(), TOPIC, "none")) {
            for (int p = 0; p < PARTITIONS; p++) {
                List<MimirRecord> records = new ArrayList<>();
                for (int i = 0; i < RECORDS_PER_PARTITION; i++) {
                    WriteRequest.Builder request = WriteRequest.newBuilder();
                    for (int s = 0; s < SERIES_PER_PARTITION; s++) {
                        request.addTimeseries(rw1Series("__name__", METRIC, "instance", instance(p, s), "job", "checkout")
                                .addSamples(rw1Sample(i * 1000 + s, firstSample + i * 1000L)));
                    }
                    records.add(MimirRecords.v1(TENANT, request.build()));
                }
                producer.sendAll(p, records);
            }
        }
    }

    private static String instance(int partition, int series) {
        return "10.0." + partition + "." + series + ":8080";
    }

    private static void assertStrongReadReturnsTheWholeBacklog(int port, long firstSample) {
        RemoteReadClient.Result read = new RemoteReadClient(port).read(TENANT, "strong", firstSample,
                firstSample + RECORDS_PER_PARTITION * 1000L, METRIC);
        assertThat(read.status()).as(read.error()).isEqualTo(200);
        assertThat(read.series()).hasSize(PARTITIONS * SERIES_PER_PARTITION);
        for (int p = 0; p < PARTITIONS; p++) {
            for (int s = 0; s < SERIES_PER_PARTITION; s++) {
                String labels = "{__name__=\"" + METRIC + "\",instance=\"" + instance(p, s) + "\",job=\"checkout\"}";
                List<double[]> samples = read.series().get(labels);
                assertThat(samples).as(labels).hasSize(RECORDS_PER_PARTITION);
                for (int i = 0; i < RECORDS_PER_PARTITION; i++) {
                    assertThat(samples.get(i)).as("%s sample %d", labels, i)
                            .containsExactly(firstSample + i * 1000L, i * 1000 + s);
                }
            }
        }
    }
}
