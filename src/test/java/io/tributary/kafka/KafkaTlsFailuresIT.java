package io.tributary.kafka;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.config.KafkaSettings;
import io.tributary.distributor.KafkaPartitionWriter;
import io.tributary.distributor.PartitionRecord;
import io.tributary.distributor.WriteOutcome;
import io.tributary.support.InProcessTributary;
import io.tributary.support.TestPki;
import io.tributary.support.TlsKafkaBroker;
import io.tributary.support.TlsKafkaBroker.Listener;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Misconfigured TLS fails within seconds (Kafka's clients would otherwise retry for a minute or more) with a
 * message naming the ingest-storage.kafka.tls-* setting to fix, in the readiness check, on a write, and at
 * startup; never with key material in it.
 */
class KafkaTlsFailuresIT {

    /** Fast: one handshake and the explanation, well below Kafka's retry and request timeouts. */
    private static final Duration FAST = Duration.ofSeconds(5);

    private static Path dir;
    private static TlsKafkaBroker broker;
    private static String clientKeyBase64;

    /** One misconfiguration: the listener dialled, the settings, and the setting the message must name. */
    record Case(String name, Listener listener, Consumer<KafkaSettings> tls, String setting) {
        @Override
        public String toString() {
            return name;
        }

        KafkaSettings settings() {
            KafkaSettings settings = new KafkaSettings();
            settings.setAddress(broker.address(listener));
            settings.setTopic("tls-failures");
            settings.setTlsEnabled(true);
            settings.setWriteTimeout(Duration.ofSeconds(20));
            tls.accept(settings);
            return settings;
        }

        Map<String, String> properties() {
            KafkaSettings settings = settings();
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("ingest-storage.kafka.address", settings.getAddress());
            properties.put("ingest-storage.kafka.topic", "tls-failures");
            properties.put("ingest-storage.kafka.tls-enabled", "true");
            putIfSet(properties, "tls-ca-path", settings.getTlsCaPath());
            putIfSet(properties, "tls-cert-path", settings.getTlsCertPath());
            putIfSet(properties, "tls-key-path", settings.getTlsKeyPath());
            putIfSet(properties, "tls-server-name", settings.getTlsServerName());
            return properties;
        }

        private static void putIfSet(Map<String, String> properties, String key, String value) {
            if (!value.isEmpty()) {
                properties.put("ingest-storage.kafka." + key, value);
            }
        }
    }

    @BeforeAll
    static void startBroker() throws Exception {
        Files.createDirectories(Path.of("target/it-data"));
        dir = Files.createTempDirectory(Path.of("target/it-data"), "KafkaTlsFailuresIT-");
        broker = new TlsKafkaBroker(dir.resolve("kafka"), dir.resolve("pki"));
        broker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    static Stream<Case> handshakeFailures() {
        TestPki pki = broker.pki();
        String ca = pki.caPem(broker.ca(), "ca.pem").toString();
        TestPki.Issued strangerIssued = pki.client(broker.untrustedCa(), "stranger");
        String strangerCert = pki.certificatePem(strangerIssued, "stranger.pem").toString();
        String strangerKey = pki.keyPem(strangerIssued, "stranger-key.pem").toString();
        clientKeyBase64 = Base64.getEncoder().encodeToString(strangerIssued.keys().getPrivate().getEncoded());
        return Stream.of(
                new Case("a broker certificate from a CA not in tls-ca-path", Listener.UNTRUSTED,
                        s -> s.setTlsCaPath(ca), "ingest-storage.kafka.tls-ca-path"),
                new Case("a broker certificate not signed by a JVM root when tls-ca-path is empty", Listener.TLS,
                        s -> { }, "ingest-storage.kafka.tls-ca-path"),
                new Case("a broker dialled by an address its certificate does not name", Listener.NAMED,
                        s -> s.setTlsCaPath(ca), "ingest-storage.kafka.tls-server-name"),
                new Case("a tls-server-name the broker certificate does not carry", Listener.NAMED,
                        s -> { s.setTlsCaPath(ca); s.setTlsServerName("wrong.test"); }, "ingest-storage.kafka.tls-server-name"),
                new Case("no client certificate on a listener that requires one", Listener.MTLS,
                        s -> s.setTlsCaPath(ca), "ingest-storage.kafka.tls-cert-path"),
                new Case("a client certificate from a CA the broker does not trust", Listener.MTLS,
                        s -> { s.setTlsCaPath(ca); s.setTlsCertPath(strangerCert); s.setTlsKeyPath(strangerKey); },
                        "ingest-storage.kafka.tls-cert-path"));
    }

    static Stream<Case> fileFailures() throws Exception {
        Path notPem = Files.writeString(dir.resolve("not-a-ca.txt"), "this is not a certificate\n");
        return Stream.of(
                new Case("a missing CA file", Listener.TLS,
                        s -> s.setTlsCaPath(dir.resolve("missing-ca.pem").toString()), "ingest-storage.kafka.tls-ca-path"),
                new Case("a CA file without a PEM certificate", Listener.TLS,
                        s -> s.setTlsCaPath(notPem.toString()), "ingest-storage.kafka.tls-ca-path"));
    }

    static Stream<Case> allFailures() throws Exception {
        return Stream.concat(handshakeFailures(), fileFailures());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allFailures")
    void theReadinessCheckIsDownAndNamesTheSetting(Case failure) {
        KafkaSettings settings = failure.settings();
        KafkaClusterHealthIndicator health = new KafkaClusterHealthIndicator(settings, new KafkaBootstrap(settings, null));
        try {
            long start = System.nanoTime();
            Health answer = health.health();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(answer.getStatus()).isEqualTo(Status.DOWN);
            assertExplains(String.valueOf(answer.getDetails().get("error")), failure.setting());
            assertThat(took).isLessThan(FAST);
        } finally {
            health.destroy();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handshakeFailures")
    void aWriteFailsFastAndNamesTheSetting(Case failure) {
        KafkaSettings settings = failure.settings();
        KafkaPartitionWriter writer = new KafkaPartitionWriter(
                () -> new KafkaProducer<>(KafkaClientProperties.producer(settings, settings.getAddress())),
                settings.getTopic(), 1, new SimpleMeterRegistry(), error -> KafkaFailureExplainer.explain(error, settings),
                Optional::empty);
        writer.start();
        try {
            long start = System.nanoTime();
            WriteOutcome outcome = writer.write("team-payments",
                    List.of(new PartitionRecord(0, new byte[] {1, 2, 3}, 1, 0, 0)), Duration.ofSeconds(20));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(outcome.succeeded()).isFalse();
            assertExplains(outcome.failure().message(), failure.setting());
            assertThat(took).isLessThan(FAST);

            // The producer does not stay stuck on the first error either: the next write fails the same way.
            long again = System.nanoTime();
            WriteOutcome next = writer.write("team-payments",
                    List.of(new PartitionRecord(0, new byte[] {4, 5, 6}, 1, 0, 0)), Duration.ofSeconds(20));
            assertThat(next.succeeded()).isFalse();
            assertExplains(next.failure().message(), failure.setting());
            assertThat(Duration.ofNanos(System.nanoTime() - again)).isLessThan(FAST);
        } finally {
            writer.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allFailures")
    void startupFailsFastAndNamesTheSetting(Case failure) {
        long start = System.nanoTime();
        Throwable refused = catchThrowable(() -> InProcessTributary.start("KafkaTlsFailuresIT", failure.properties()).close());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(refused).isNotNull();
        assertExplains(messages(refused), failure.setting());
        // Includes starting Spring itself; Kafka's own retries would take a minute.
        assertThat(took).isLessThan(Duration.ofSeconds(15));
    }

    private static void assertExplains(String message, String setting) {
        assertThat(message).contains(setting).doesNotContain("PRIVATE KEY");
        if (clientKeyBase64 != null) {
            assertThat(message).doesNotContain(clientKeyBase64.substring(0, 40));
        }
    }

    private static String messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.add(t.getClass().getSimpleName() + ": " + t.getMessage());
        }
        return String.join("\n", messages);
    }
}
