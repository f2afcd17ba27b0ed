package io.tributary.bench;

import static io.tributary.testing.Fixtures.rw1Sample;
import static io.tributary.testing.Fixtures.rw1Series;

import io.tributary.config.KafkaSettings;
import io.tributary.config.ValidatedSettings;
import io.tributary.consumer.PartitionReaders;
import io.tributary.consumer.ReaderProgress;
import io.tributary.kafka.EmbeddedKafkaBroker;
import io.tributary.support.InProcessTributary;
import io.tributary.support.MimirStyleProducer;
import io.tributary.testing.MimirRecords;
import io.tributary.testing.MimirRecords.MimirRecord;
import io.tributary.testproto.mimir.WriteRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replay speed of a backlog with {@code fetch-concurrency-max} 0 (the reader's plain consumer) against 4 (or the
 * values given), side by side in one run: one embedded KRaft broker, one Tributary (target=all) in this JVM whose
 * readers reach the broker through a {@link DelayingProxy}. Each round stops the readers, produces a backlog straight
 * to the topic (Mimir's format and producer settings, snappy), starts the readers and times them from the start to
 * the last offset; samples/s = samples in the backlog over that time. The proxy's delay (per direction) is set per
 * round, so the same readers are measured without and with network latency.
 * <p>
 * {@code ./mvnw -B -o -q -Pbench test-compile exec:java -Dbench.main=io.tributary.bench.ReplayBenchmark
 * -Dexec.args="--delays-ms=0,1,5 --concurrency=0,4 --rounds=3 --records=2000 --series=500 --partitions=1"}
 */
public final class ReplayBenchmark {
    private static final String TOPIC = "replay-bench";
    private static final String TENANT = "bench";

    private final Map<String, String> options;
    private final int records;
    private final int series;
    private final int partitions;
    private long nextTimestamp = System.currentTimeMillis() - 30 * 60_000;

    private ReplayBenchmark(Map<String, String> options) {
        this.options = options;
        this.records = Integer.parseInt(options.getOrDefault("records", "2000"));
        this.series = Integer.parseInt(options.getOrDefault("series", "500"));
        this.partitions = Integer.parseInt(options.getOrDefault("partitions", "1"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        new ReplayBenchmark(options).run();
        System.exit(0);
    }

    /** The broker with a second listener, DELAYED, advertised at the proxy, so clients that bootstrap there stay there. */
    private static final class ProxiedBroker extends EmbeddedKafkaBroker {
        private final DelayingProxy proxy;
        private final int delayedPort;

        ProxiedBroker(Path logDir, DelayingProxy proxy) throws IOException {
            super(logDir, 0, 1);
            this.proxy = proxy;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                this.delayedPort = free.getLocalPort();
            }
            proxy.forwardTo(delayedPort);
        }

        @Override
        protected Map<String, Object> brokerConfig(int brokerPort, int controllerPort) {
            Map<String, Object> props = super.brokerConfig(brokerPort, controllerPort);
            props.put("listeners", props.get("listeners") + ",DELAYED://127.0.0.1:" + delayedPort);
            props.put("advertised.listeners", props.get("advertised.listeners") + ",DELAYED://127.0.0.1:" + proxy.port());
            props.put("listener.security.protocol.map", props.get("listener.security.protocol.map") + ",DELAYED:PLAINTEXT");
            return props;
        }
    }

    private void run() throws Exception {
        double[] delays = Arrays.stream(options.getOrDefault("delays-ms", "0,1,5").split(",")).mapToDouble(Double::parseDouble).toArray();
        int[] concurrencies = Arrays.stream(options.getOrDefault("concurrency", "0,4").split(",")).mapToInt(Integer::parseInt).toArray();
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        Path root = Files.createTempDirectory("replay-bench");
        try (DelayingProxy proxy = new DelayingProxy()) {
            ProxiedBroker broker = new ProxiedBroker(root.resolve("kafka"), proxy);
            broker.start();
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("ingest-storage.kafka.address", "127.0.0.1:" + proxy.port());
            settings.put("ingest-storage.kafka.topic", TOPIC);
            settings.put("ingest-storage.kafka.auto-create-topic-default-partitions", String.valueOf(partitions));
            options.forEach((key, value) -> {
                if (key.startsWith("ingest-storage.")) {
                    settings.put(key, value);
                }
            });
            try (InProcessTributary app = InProcessTributary.start("replay-bench", settings);
                    MimirStyleProducer producer = new MimirStyleProducer(broker.bootstrapServers(), TOPIC, "snappy")) {
                PartitionReaders readers = app.bean(PartitionReaders.class);
                KafkaSettings kafka = app.bean(ValidatedSettings.class).kafka();
                Map<String, List<Double>> results = new TreeMap<>();
                // One unmeasured round per setting first: JIT, connections, the head's series.
                for (int concurrency : concurrencies) {
                    proxy.delay(0);
                    replay(readers, kafka, producer, concurrency);
                }
                for (double delay : delays) {
                    proxy.delay(delay);
                    for (int round = 0; round < rounds; round++) {
                        for (int concurrency : concurrencies) {
                            double rate = replay(readers, kafka, producer, concurrency);
                            String key = String.format("%6.1f ms | %2d", delay, concurrency);
                            results.computeIfAbsent(key, k -> new ArrayList<>()).add(rate);
                            System.out.printf("delay %.1f ms per direction, fetch-concurrency-max %d: %,.0f samples/s%n",
                                    delay, concurrency, rate);
                        }
                    }
                }
                System.out.printf("%n%d partition(s), backlog of %d records x %d series per partition, snappy, %d rounds%n",
                        partitions, records, series, rounds);
                System.out.println("| delay per direction | fetch-concurrency-max | samples/s (median) | all rounds |");
                System.out.println("|---:|---:|---:|---|");
                results.forEach((key, rates) -> {
                    List<Double> sorted = rates.stream().sorted().toList();
                    String[] parts = key.split("\\|");
                    System.out.printf("| %s | %s | %,.0f | %s |%n", parts[0].trim(), parts[1].trim(),
                            sorted.get(sorted.size() / 2),
                            String.join(", ", rates.stream().map(r -> String.format("%,.0f", r)).toList()));
                });
            } finally {
                broker.stop();
            }
        }
    }

    /** One round: returns samples/s from the readers' start to the backlog's last offset on every partition. */
    private double replay(PartitionReaders readers, KafkaSettings kafka, MimirStyleProducer producer, int concurrency)
            throws Exception {
        for (int partition : readers.ownedPartitions()) {
            readers.stopReader(partition);
        }
        kafka.setFetchConcurrencyMax(concurrency);
        Map<Integer, Long> lastOffsets = new TreeMap<>();
        for (int partition : readers.ownedPartitions()) {
            List<MimirRecord> backlog = backlog(partition);
            producer.sendAll(partition, backlog.subList(0, backlog.size() - 1));
            lastOffsets.put(partition, producer.send(partition, backlog.get(backlog.size() - 1)));
        }
        long started = System.nanoTime();
        for (int partition : readers.ownedPartitions()) {
            readers.startReader(partition);
        }
        while (!consumedThrough(readers, lastOffsets)) {
            Thread.sleep(1);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return (double) records * series * lastOffsets.size() / seconds;
    }

    private static boolean consumedThrough(PartitionReaders readers, Map<Integer, Long> lastOffsets) {
        for (ReaderProgress progress : readers.progress()) {
            if (progress.lastConsumedOffset() < lastOffsets.get(progress.partition())) {
                return false;
            }
        }
        return true;
    }

    /** Records of {@link #series} series each (10 labels, like the load generator's), one sample per series. */
    private List<MimirRecord> backlog(int partition) {
        List<MimirRecord> backlog = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            long timestamp = nextTimestamp++;
            WriteRequest.Builder request = WriteRequest.newBuilder();
            for (int s = 0; s < series; s++) {
                request.addTimeseries(rw1Series("__name__", "replay_bench_" + (s % 20), "instance",
                        "10.2." + partition + "." + s + ":9100", "job", "node", "cluster", "eu-west-1", "namespace",
                        "monitoring", "pod", "node-exporter-" + (s % 50), "container", "node-exporter", "service",
                        "node-exporter", "env", "production", "team", "platform")
                        .addSamples(rw1Sample(Math.sin(timestamp / 1000.0 + s) * 100, timestamp)));
            }
            backlog.add(MimirRecords.v1(TENANT, request.build()));
        }
        return backlog;
    }
}
