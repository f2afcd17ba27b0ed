package io.tributary.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.consumer.PartitionReaders;
import io.tributary.support.HmacJwtValidatorCallbackHandler;
import io.tributary.support.InProcessTributary;
import io.tributary.support.SaslKafkaBroker;
import io.tributary.support.TestJwts;
import io.tributary.support.UnixSocketCredentialsServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Each way SASL can go wrong fails fast, says which setting to fix, and leaks no secret into the message, the
 * log or the metrics. A failing credential stops startup (the topic provisioner is the first client to connect);
 * one that fails while running shows in the remote-write answer and the "kafka" readiness detail.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@ExtendWith(OutputCaptureExtension.class)
class SaslFailureIT {

    /** The time a failing startup may take: Spring and the web server (~4 s here), plus a Kafka round trip. */
    private static final Duration FAST_STARTUP_FAILURE = Duration.ofSeconds(12);
    private static final Duration REAUTH = Duration.ofSeconds(2);

    private static Path root;
    private static SaslKafkaBroker broker;

    private CapturedOutput output;

    @BeforeEach
    void captureOutput(CapturedOutput output) {
        this.output = output;
    }

    @BeforeAll
    static void startBroker() throws Exception {
        root = Files.createTempDirectory(Files.createDirectories(Path.of("target/it-data")), "SaslFailureIT-");
        broker = new SaslKafkaBroker(root.resolve("kafka"), REAUTH);
        broker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    private record StartupFailure(String message, Duration took, String logs) {
    }

    /**
     * Starts with {@code settings}, which must fail; returns the whole exception chain's messages and everything
     * logged meanwhile (Kafka's loggers at INFO, so its client configuration dumps are checked too).
     */
    private StartupFailure failedStartup(Map<String, Object> settings) {
        settings.put("logging.level.org.apache.kafka", "INFO");
        int logged = output.length();
        long start = System.nanoTime();
        Throwable failure = catchThrowable(() -> InProcessTributary.start(settings).close());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(failure).as("startup should have failed").isNotNull();
        StringBuilder chain = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            chain.append(t).append('\n');
        }
        return new StartupFailure(chain.toString(), took, output.toString().substring(logged));
    }

    private static void assertFastNamingWithoutSecret(StartupFailure failure, String setting, String secret) {
        assertThat(failure.took()).as(failure.message()).isLessThan(FAST_STARTUP_FAILURE);
        assertThat(failure.message()).contains(setting).doesNotContain(secret);
        assertThat(failure.logs()).contains(setting).doesNotContain(secret);
    }

    @Test
    void aWrongPasswordStopsStartupNamingThePasswordSetting() {
        String wrong = "wrong-Pa55word-b7c3e1";
        Map<String, Object> settings = InProcessTributary.baseSettings("fail-password", broker.saslServers());
        settings.put("ingest-storage.kafka.sasl-mechanism", "PLAIN");
        settings.put("ingest-storage.kafka.sasl-username", SaslKafkaBroker.PLAIN_USER);
        settings.put("ingest-storage.kafka.sasl-password", wrong);

        assertFastNamingWithoutSecret(failedStartup(settings), "ingest-storage.kafka.sasl-password", wrong);
    }

    @Test
    void aMechanismTheBrokerDoesNotOfferStopsStartupNamingTheMechanismSetting() {
        Map<String, Object> settings = InProcessTributary.baseSettings("fail-mechanism", broker.plainOnlyServers());
        settings.put("ingest-storage.kafka.sasl-mechanism", "SCRAM-SHA-512");
        settings.put("ingest-storage.kafka.sasl-username", SaslKafkaBroker.SCRAM_USER);
        settings.put("ingest-storage.kafka.sasl-password", SaslKafkaBroker.SCRAM_PASSWORD);

        StartupFailure failure = failedStartup(settings);
        assertFastNamingWithoutSecret(failure, "ingest-storage.kafka.sasl-mechanism", SaslKafkaBroker.SCRAM_PASSWORD);
        assertThat(failure.message()).contains("SCRAM-SHA-512");
    }

    @Test
    void anExpiredTokenStopsStartupNamingTheTokenSetting() {
        String expired = TestJwts.expired("ingest-static", "expired-" + System.nanoTime());
        Map<String, Object> settings = InProcessTributary.baseSettings("fail-expired", broker.saslServers());
        settings.put("ingest-storage.kafka.sasl-mechanism", "OAUTHBEARER");
        settings.put("ingest-storage.kafka.sasl-oauthbearer-token", expired);

        assertFastNamingWithoutSecret(failedStartup(settings), "ingest-storage.kafka.sasl-oauthbearer-token", expired);
    }

    @Test
    void aMalformedTokenStopsStartupNamingTheTokenSetting() {
        String malformed = "not-a-jwt-but-still-secret-5d1f";
        Map<String, Object> settings = InProcessTributary.baseSettings("fail-malformed", broker.saslServers());
        settings.put("ingest-storage.kafka.sasl-mechanism", "OAUTHBEARER");
        settings.put("ingest-storage.kafka.sasl-oauthbearer-token", malformed);

        assertFastNamingWithoutSecret(failedStartup(settings), "ingest-storage.kafka.sasl-oauthbearer-token", malformed);
    }

    @Test
    void aMissingTokenFileStopsStartupNamingTheFileSetting() {
        Path missing = root.resolve("no-such-token.json");
        Map<String, Object> settings = InProcessTributary.baseSettings("fail-missing-file", broker.saslServers());
        settings.put("ingest-storage.kafka.sasl-mechanism", "OAUTHBEARER");
        settings.put("ingest-storage.kafka.sasl-oauthbearer-file-path", missing.toString());

        StartupFailure failure = failedStartup(settings);
        assertThat(failure.took()).isLessThan(FAST_STARTUP_FAILURE);
        assertThat(failure.message()).contains("ingest-storage.kafka.sasl-oauthbearer-file-path is " + missing);
    }

    @Test
    void aTokenFileThatIsNotJsonStopsStartupNamingTheFileSettingWithoutQuotingIt() throws Exception {
        String token = TestJwts.valid("ingest-file", "bad-json-" + System.nanoTime(), Duration.ofMinutes(10));
        Path file = Files.writeString(root.resolve("bad-token.json"), "{\"token\": \"" + token + "\"");
        Map<String, Object> settings = InProcessTributary.baseSettings("fail-bad-json", broker.saslServers());
        settings.put("ingest-storage.kafka.sasl-mechanism", "OAUTHBEARER");
        settings.put("ingest-storage.kafka.sasl-oauthbearer-file-path", file.toString());

        StartupFailure failure = failedStartup(settings);
        assertFastNamingWithoutSecret(failure, "ingest-storage.kafka.sasl-oauthbearer-file-path", token);
        assertThat(failure.message()).contains("not valid JSON");
    }

    @Test
    void aSocketNobodyListensOnStopsStartupNamingTheSocketSetting() throws Exception {
        Path socket = Files.createTempDirectory("tributary-sock").resolve("nobody.sock");
        Map<String, Object> settings = InProcessTributary.baseSettings("fail-socket", broker.saslServers());
        settings.put("ingest-storage.kafka.sasl-mechanism", "OAUTHBEARER");
        settings.put("ingest-storage.kafka.sasl-oauthbearer-http-socket-path", socket.toString());

        StartupFailure failure = failedStartup(settings);
        assertFastNamingWithoutSecret(failure, "ingest-storage.kafka.sasl-oauthbearer-http-socket-path", "never-a-secret");
        assertThat(failure.message()).contains("nothing answers on");
    }

    @Test
    void credentialsThatFailWhileRunningShowInTheRemoteWriteAnswerReadinessAndReaderStatusWithoutTheSecret() throws Exception {
        String jti = "runtime-" + System.nanoTime();
        String token = TestJwts.valid("ingest-socket", jti, Duration.ofMinutes(10));
        Path socketPath = Files.createTempDirectory("tributary-sock").resolve("credentials.sock");
        try (UnixSocketCredentialsServer server = new UnixSocketCredentialsServer(socketPath)) {
            server.answer("{\"token\":\"" + token + "\"}");
            Map<String, Object> settings = InProcessTributary.baseSettings("fail-runtime", broker.saslServers());
            settings.put("ingest-storage.kafka.sasl-mechanism", "OAUTHBEARER");
            settings.put("ingest-storage.kafka.sasl-oauthbearer-http-socket-path", socketPath.toString());
            settings.put("logging.level.org.apache.kafka", "INFO");
            try (InProcessTributary app = InProcessTributary.start(settings)) {
                app.pushAndReadBack("team-runtime", "runtime_failure_probe");

                // The helper breaks; once sessions end (REAUTH), nothing can authenticate any more.
                server.answer(500, "{\"error\":\"vault sealed\"}");
                HmacJwtValidatorCallbackHandler.revoke(jti);
                Thread.sleep(REAUTH.plusSeconds(1).toMillis());

                long start = System.nanoTime();
                HttpResponse<String> push = app.push("team-runtime", "runtime_failure_probe", System.currentTimeMillis(), 1);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                Health health = app.bean(KafkaClusterHealthIndicator.class).health();

                assertThat(push.statusCode()).as(push.body()).isEqualTo(500);
                assertThat(push.body()).contains("ingest-storage.kafka.sasl-oauthbearer-http-socket-path")
                        .contains("HTTP status 500").doesNotContain(token);
                assertThat(took).isLessThan(Duration.ofSeconds(3));
                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                assertThat(health.getDetails().get("error").toString())
                        .contains("ingest-storage.kafka.sasl-oauthbearer-http-socket-path").doesNotContain(token);
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(app.bean(PartitionReaders.class)
                        .statuses()).singleElement().satisfies(reader -> assertThat(reader.lastError())
                        .contains("ingest-storage.kafka.sasl-oauthbearer-http-socket-path").doesNotContain(token)));
                String meters = app.bean(MeterRegistry.class).getMeters().stream().map(m -> m.getId().toString())
                        .collect(Collectors.joining("\n"));
                assertThat(meters).doesNotContain(token);

                // Healthy again, so the producer can flush at shutdown instead of waiting out its close timeout.
                server.answer("{\"token\":\"" + TestJwts.valid("ingest-socket", jti + "-renewed", Duration.ofMinutes(10)) + "\"}");
            }
            assertThat(output.toString()).contains("ingest-storage.kafka.sasl-oauthbearer-http-socket-path").doesNotContain(token);
        }
    }
}
