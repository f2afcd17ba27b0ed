package io.tributary.console.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.KafkaSettings;
import io.tributary.config.edit.FileSettingsStore;
import io.tributary.support.ConsoleAdmin;
import io.tributary.support.ConsoleSession;
import io.tributary.support.InProcessTributary;
import io.tributary.support.RemoteReadClient;
import io.tributary.support.SaslKafkaBroker;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The settings editor against a real SASL broker, while remote-write keeps pushing: a change tested and applied
 * switches the producer and readers to other credentials without a restart; bad credentials saved anyway make
 * pushes fail with a retryable status; a rollback through the history restores them. Every push that got a 2xx is
 * read back at the end: nothing acknowledged is lost across the swaps.
 */
@Timeout(300)
class SettingsApplyIT {
    private static final String TOPIC = "settings-apply";
    private static final String TENANT = "team-settings";
    private static final String KAFKA = "ingest-storage.kafka.";

    private static SaslKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        Path root = Files.createTempDirectory(Files.createDirectories(Path.of("target/it-data")), "SettingsApplyIT-");
        broker = new SaslKafkaBroker(root.resolve("kafka"), Duration.ofMinutes(10));
        broker.start();
        broker.createScramUser();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void appliedSettingsReachTheRunningClientsAndNoAcknowledgedSampleIsLost() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target/it-data"), "SettingsApplyIT-data-");
        // What an operator saved from the console earlier: PLAIN on the SASL listener, and nothing on the command line
        // that the console edits, so none of these fields is locked.
        new FileSettingsStore(dataDir).save(Map.of(KAFKA + "address", broker.saslServers(),
                KAFKA + "sasl-mechanism", "PLAIN", KAFKA + "sasl-username", SaslKafkaBroker.PLAIN_USER,
                KAFKA + "sasl-password", SaslKafkaBroker.PLAIN_PASSWORD, KAFKA + "write-timeout", "3s"),
                "it", "initial settings");
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("server.port", "0");
        args.put("tributary.data-dir", dataDir.toString());
        args.put("ingest-storage.kafka.topic", TOPIC);
        args.put("ingest-storage.kafka.auto-create-topic-default-partitions", "2");
        args.put("tributary.console.password", ConsoleAdmin.PASSWORD);

        try (InProcessTributary app = InProcessTributary.start(args); Pusher pusher = new Pusher(app)) {
            ConsoleSession console = ConsoleSession.logIn(app.port());
            pusher.start();
            pusher.awaitAcked(20);

            // A wrong password fails the connection test and is not applied by "Apply".
            HttpResponse<String> failed = test(console, Map.of(KAFKA + "sasl-mechanism", "SCRAM-SHA-512",
                    KAFKA + "sasl-username", SaslKafkaBroker.SCRAM_USER, KAFKA + "sasl-password", "not-the-password"));
            assertThat(failed.body()).contains("id=\"test-failed\"", KAFKA + "sasl-password")
                    .doesNotContain("not-the-password", SaslKafkaBroker.PLAIN_PASSWORD);

            // The right SCRAM credentials pass and are applied while pushes go on.
            HttpResponse<String> passed = test(console, Map.of(KAFKA + "sasl-mechanism", "SCRAM-SHA-512",
                    KAFKA + "sasl-username", SaslKafkaBroker.SCRAM_USER, KAFKA + "sasl-password", SaslKafkaBroker.SCRAM_PASSWORD));
            assertThat(passed.body()).contains("id=\"test-passed\"", "SCRAM-SHA-512").doesNotContain(SaslKafkaBroker.SCRAM_PASSWORD);
            assertThat(apply(console, false)).contains("Saved version 2", KAFKA + "sasl-mechanism");
            KafkaSettings live = app.bean(io.tributary.config.ValidatedSettings.class).kafka();
            assertThat(live.getSaslUsername()).isEqualTo(SaslKafkaBroker.SCRAM_USER);
            int acked = pusher.acked();
            pusher.awaitAcked(acked + 20);

            // Bad credentials saved anyway: the running producer uses them, so pushes now fail, retryably.
            test(console, Map.of(KAFKA + "sasl-password", "rotated-too-early"));
            assertThat(apply(console, true)).contains("Saved version 3");
            pusher.awaitRetryableFailures(2);
            for (String path : new String[] {"/actuator/env", "/actuator/configprops"}) {
                assertThat(ConsoleAdmin.get(app.port(), path).body()).as(path).contains("sasl-password")
                        .doesNotContain("rotated-too-early", SaslKafkaBroker.SCRAM_PASSWORD, SaslKafkaBroker.PLAIN_PASSWORD);
            }
            for (String path : new String[] {"/console/settings", "/console/api/settings", "/console/settings/export/yaml"}) {
                assertThat(console.get(path).body()).as(path).doesNotContain("rotated-too-early");
            }
            assertThat(pusher.clientErrors()).as("a broken Kafka login is never the sender's fault").isZero();

            // Roll back to version 2 from the history: tested, then applied; pushes succeed again.
            HttpResponse<String> history = console.get("/console/settings/history");
            assertThat(history.body()).contains("Version <span>3</span>", "saved anyway", "set (changed)")
                    .doesNotContain("rotated-too-early", SaslKafkaBroker.SCRAM_PASSWORD);
            HttpResponse<String> rollback = console.submit("/console/settings/history", "/console/settings/rollback/2",
                    Map.of());
            assertThat(rollback.body()).contains("id=\"test-passed\"", "rollback to version 2");
            assertThat(apply(console, false)).contains("Saved version 4");
            acked = pusher.acked();
            pusher.awaitAcked(acked + 20);
            pusher.stop();

            RemoteReadClient.Result read = new RemoteReadClient(app.port()).read(TENANT, "strong", pusher.firstTimestamp - 1,
                    System.currentTimeMillis() + 1, "settings_apply_probe_.*");
            assertThat(read.status()).as(read.error()).isEqualTo(200);
            Set<String> stored = ConcurrentHashMap.newKeySet();
            read.series().forEach((series, samples) -> {
                String metric = series.substring(series.indexOf('"') + 1, series.indexOf('"', series.indexOf('"') + 1));
                samples.forEach(sample -> stored.add(metric + "@" + (long) sample[0]));
            });
            assertThat(pusher.acked()).isGreaterThan(100);
            assertThat(stored).as("every acknowledged sample is stored").containsAll(pusher.acknowledged);
        }
    }

    private static HttpResponse<String> test(ConsoleSession console, Map<String, String> fields) throws Exception {
        HttpResponse<String> answer = console.submit("/console/settings", "/console/settings/test", fields);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer;
    }

    private static String apply(ConsoleSession console, boolean anyway) throws Exception {
        HttpResponse<String> applied = console.submit("/console/settings/history", "/console/settings/apply",
                anyway ? Map.of("anyway", "true") : Map.of());
        assertThat(applied.statusCode()).isEqualTo(302);
        return console.get("/console/settings").body();
    }

    /**
     * Three senders, each pushing one sample at a time to series of its own, as remote-write queues do: a 5xx is
     * retryable, a 2xx is acknowledged and recorded as {@code metric@timestamp}.
     */
    private static final class Pusher implements AutoCloseable {
        private static final int SENDERS = 3;
        private final InProcessTributary app;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger retryable = new AtomicInteger();
        private final AtomicInteger clientErrors = new AtomicInteger();
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final long firstTimestamp = System.currentTimeMillis();
        private final List<Thread> threads = new ArrayList<>();

        Pusher(InProcessTributary app) {
            this.app = app;
        }

        void start() {
            for (int sender = 0; sender < SENDERS; sender++) {
                int id = sender;
                Thread thread = new Thread(() -> send(id), "settings-apply-pusher-" + id);
                threads.add(thread);
                thread.start();
            }
        }

        private void send(int sender) {
            long timestamp = firstTimestamp;
            int n = 0;
            while (running.get()) {
                timestamp = Math.max(timestamp + 1, System.currentTimeMillis());
                String metric = "settings_apply_probe_" + sender + "_" + (n++ % 4);
                HttpResponse<String> response = app.push(TENANT, metric, timestamp, n);
                if (response.statusCode() / 100 == 2) {
                    acknowledged.add(metric + "@" + timestamp);
                } else if (response.statusCode() >= 500 || response.statusCode() == 429) {
                    retryable.incrementAndGet();
                } else {
                    clientErrors.incrementAndGet();
                }
                sleep(10);
            }
        }

        int acked() {
            return acknowledged.size();
        }

        int clientErrors() {
            return clientErrors.get();
        }

        void awaitAcked(int count) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (acked() < count) {
                assertThat(System.nanoTime()).as("%d pushes acknowledged", count).isLessThan(deadline);
                Thread.sleep(50);
            }
        }

        void awaitRetryableFailures(int count) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int before = retryable.get();
            while (retryable.get() < before + count) {
                assertThat(System.nanoTime()).as("%d retryable failures", count).isLessThan(deadline);
                Thread.sleep(50);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(30_000);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }

        private static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
