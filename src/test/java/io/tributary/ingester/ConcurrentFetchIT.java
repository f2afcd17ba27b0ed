package io.tributary.ingester;

import static io.tributary.testing.Fixtures.rw1Sample;
import static io.tributary.testing.Fixtures.rw1Series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.config.KafkaSettings;
import io.tributary.config.ValidatedSettings;
import io.tributary.consumer.PartitionReaders;
import io.tributary.kafka.KafkaBootstrap;
import io.tributary.support.MimirStyleProducer;
import io.tributary.support.RemoteReadClient;
import io.tributary.support.TestApplicationProperties;
import io.tributary.testing.MimirRecords;
import io.tributary.testing.MimirRecords.MimirRecord;
import io.tributary.testproto.mimir.WriteRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Concurrent fetchers on the real embedded broker: with the readers stopped, a backlog is produced straight to the
 * topic (Mimir's record format and producer settings, each scenario with its own codec), the readers start again
 * from their committed offsets, and a strong read must return every sample produced, value for value, whether
 * 4 fetchers or the plain consumer replayed it, and whether fetches were sized by compressed or uncompressed bytes.
 * The fetch settings are changed on the running process between scenarios, as an apply from the console does.
 * <p>
 * max-buffered-bytes is 1 MB here, so wants are about 250 kB and a backlog of 6,000 records of about 2 kB is many
 * wants long: the production default (4 MiB wants) would need a far bigger backlog to switch at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ingest-storage.kafka.auto-create-topic-default-partitions=2",
        "ingest-storage.kafka.max-buffered-bytes=1000000",
        "ingest-storage.kafka.fetch-concurrency-max=4",
})
@Timeout(240)
class ConcurrentFetchIT {
    private static final Logger log = LoggerFactory.getLogger(ConcurrentFetchIT.class);
    private static final String TENANT = "team-replay";
    private static final int RECORDS_PER_PARTITION = 6_000;
    private static final int SERIES_PER_RECORD = 20;
    private static final long STEP_MS = 100;

    @DynamicPropertySource
    static void isolate(DynamicPropertyRegistry registry) {
        TestApplicationProperties.isolate(ConcurrentFetchIT.class, registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    KafkaBootstrap bootstrap;

    @Autowired
    PartitionReaders readers;

    @Autowired
    ValidatedSettings settings;

    @Autowired
    MeterRegistry registry;

    @Test
    void four_fetchers_replay_an_lz4_backlog_sized_by_compressed_bytes() throws Exception {
        Replay replay = replay("replay_lz4_compressed_total", 4, "lz4", true, false);

        assertThat(replay.starts).as("each partition switched to concurrent fetchers").isGreaterThanOrEqualTo(2);
        assertThat(replay.wants).as("many wants fetched").isGreaterThanOrEqualTo(10);
    }

    @Test
    void four_fetchers_replay_a_zstd_backlog_sized_by_uncompressed_bytes_through_a_reconnect() throws Exception {
        Replay replay = replay("replay_zstd_uncompressed_total", 4, "zstd", false, true);

        assertThat(replay.starts).isGreaterThanOrEqualTo(2);
        assertThat(replay.wants).isGreaterThanOrEqualTo(10);
    }

    @Test
    void the_plain_consumer_replays_the_same_backlog_with_concurrency_zero() throws Exception {
        Replay replay = replay("replay_plain_total", 0, "lz4", true, false);

        assertThat(replay.starts).isZero();
        assertThat(replay.wants).isZero();
    }

    private record Replay(double starts, double wants) {
    }

    /**
     * Stops the readers, applies the fetch settings, produces the backlog, starts the readers, reads it all back
     * strongly and checks every sample; optionally reconnects the readers while fetchers are reading.
     */
    private Replay replay(String metric, int concurrency, String compression, boolean compressedSizing,
            boolean reconnectMidway) throws Exception {
        Set<Integer> partitions = readers.ownedPartitions();
        for (int partition : partitions) {
            readers.stopReader(partition);
        }
        KafkaSettings kafka = settings.kafka();
        kafka.setFetchConcurrencyMax(concurrency);
        kafka.setUseCompressedBytesAsFetchMaxBytes(compressedSizing);
        double startsBefore = sum("concurrent.fetch.starts");
        double wantsBefore = sum("concurrent.fetch.wants");

        long first = System.currentTimeMillis() - 15 * 60_000;
        try (MimirStyleProducer producer = new MimirStyleProducer(bootstrap.producer(), kafka.getTopic(), compression)) {
            for (int partition : partitions) {
                producer.sendAll(partition, backlog(metric, partition, first));
            }
        }
        long started = System.nanoTime();
        for (int partition : partitions) {
            readers.startReader(partition);
        }
        if (reconnectMidway) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> sum("concurrent.fetch.wants") - wantsBefore >= 3);
            readers.reconnect();
        }

        RemoteReadClient.Result read = new RemoteReadClient(port).read(TENANT, "strong", first,
                first + RECORDS_PER_PARTITION * STEP_MS, metric);
        log.info("{}: {} samples replayed and read back in {} ms with fetch-concurrency-max={}, {}, compressed sizing {}",
                metric, read.sampleCount(), Duration.ofNanos(System.nanoTime() - started).toMillis(), concurrency,
                compression, compressedSizing);

        assertThat(read.status()).as(read.error()).isEqualTo(200);
        assertThat(read.series()).hasSize(partitions.size() * SERIES_PER_RECORD);
        for (int partition : partitions) {
            for (int s = 0; s < SERIES_PER_RECORD; s++) {
                String labels = "{__name__=\"" + metric + "\",instance=\"" + instance(partition, s) + "\",job=\"replay\"}";
                List<double[]> samples = read.series().get(labels);
                assertThat(samples).as(labels).hasSize(RECORDS_PER_PARTITION);
                for (int i = 0; i < RECORDS_PER_PARTITION; i++) {
                    assertThat(samples.get(i)).as("%s sample %d", labels, i)
                            .containsExactly(first + i * STEP_MS, value(partition, i, s));
                }
            }
        }
        assertThat(readers.statuses()).allSatisfy(status -> assertThat(status.undecodableRecords()).isZero());
        await().atMost(Duration.ofSeconds(10)).until(() -> gaugeSum("concurrent.fetchers") == 0);
        return new Replay(sum("concurrent.fetch.starts") - startsBefore, sum("concurrent.fetch.wants") - wantsBefore);
    }

    private static List<MimirRecord> backlog(String metric, int partition, long first) {
        List<MimirRecord> records = new ArrayList<>();
        for (int i = 0; i < RECORDS_PER_PARTITION; i++) {
            WriteRequest.Builder request = WriteRequest.newBuilder();
            for (int s = 0; s < SERIES_PER_RECORD; s++) {
                request.addTimeseries(rw1Series("__name__", metric, "instance", instance(partition, s), "job", "replay")
                        .addSamples(rw1Sample(value(partition, i, s), first + i * STEP_MS)));
            }
            records.add(MimirRecords.v1(TENANT, request.build()));
        }
        return records;
    }

    private static double value(int partition, int record, int series) {
        return partition * 1_000_000_000.0 + record * 1_000.0 + series;
    }

    private static String instance(int partition, int series) {
        return "10.1." + partition + "." + series + ":9100";
    }

    private double sum(String name) {
        return registry.find("tributary.ingest.storage.reader." + name).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private double gaugeSum(String name) {
        return registry.find("tributary.ingest.storage.reader." + name).gauges().stream()
                .mapToDouble(g -> g.value()).sum();
    }
}
