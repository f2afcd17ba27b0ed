package io.tributary.kafka;

import static io.tributary.support.CredentialRotation.keepPushingFor;
import static io.tributary.support.CredentialRotation.writeAtomically;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.support.HmacJwtValidatorCallbackHandler;
import io.tributary.support.InProcessTributary;
import io.tributary.support.SaslKafkaBroker;
import io.tributary.support.TestJwts;
import io.tributary.support.UnixSocketCredentialsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.health.contributor.Status;

/**
 * Every supported SASL way in, each proven by a remote-write push that goes through Kafka and comes back out of a
 * partition reader (strong read), against one SASL broker for the whole class.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SaslAuthenticationIT {

    /** Short sessions, so clients re-authenticate (and re-read file and socket credentials) during a test. */
    private static final Duration REAUTH = Duration.ofSeconds(2);

    private static Path root;
    private static SaslKafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        root = Files.createTempDirectory(Files.createDirectories(Path.of("target/it-data")), "SaslAuthenticationIT-");
        broker = new SaslKafkaBroker(root.resolve("kafka"), REAUTH);
        broker.start();
        broker.createScramUser();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    private static Map<String, Object> settings(String name) {
        return InProcessTributary.baseSettings(name, broker.saslServers());
    }

    @Test
    void plainUsernameAndPasswordCarryAPushThroughKafka() {
        Map<String, Object> settings = settings("sasl-plain");
        settings.put("ingest-storage.kafka.sasl-mechanism", "PLAIN");
        settings.put("ingest-storage.kafka.sasl-username", SaslKafkaBroker.PLAIN_USER);
        settings.put("ingest-storage.kafka.sasl-password", SaslKafkaBroker.PLAIN_PASSWORD);
        try (InProcessTributary app = InProcessTributary.start(settings)) {
            app.pushAndReadBack("team-plain", "plain_auth_probe");
        }
    }

    @Test
    void scramSha256CarriesAPushThroughKafka() {
        Map<String, Object> settings = settings("sasl-scram-256");
        settings.put("ingest-storage.kafka.sasl-mechanism", "SCRAM-SHA-256");
        settings.put("ingest-storage.kafka.sasl-username", SaslKafkaBroker.SCRAM_USER);
        settings.put("ingest-storage.kafka.sasl-password", SaslKafkaBroker.SCRAM_PASSWORD);
        try (InProcessTributary app = InProcessTributary.start(settings)) {
            app.pushAndReadBack("team-scram", "scram_256_auth_probe");
        }
    }

    @Test
    void scramSha512CarriesAPushThroughKafka() {
        Map<String, Object> settings = settings("sasl-scram-512");
        settings.put("ingest-storage.kafka.sasl-mechanism", "SCRAM-SHA-512");
        settings.put("ingest-storage.kafka.sasl-username", SaslKafkaBroker.SCRAM_USER);
        settings.put("ingest-storage.kafka.sasl-password", SaslKafkaBroker.SCRAM_PASSWORD);
        try (InProcessTributary app = InProcessTributary.start(settings)) {
            app.pushAndReadBack("team-scram", "scram_512_auth_probe");
        }
    }

    @Test
    void aStaticOauthbearerTokenCarriesAPushThroughKafka() {
        String jti = "static-" + System.nanoTime();
        Map<String, Object> settings = settings("sasl-oauth-static");
        settings.put("ingest-storage.kafka.sasl-mechanism", "OAUTHBEARER");
        settings.put("ingest-storage.kafka.sasl-oauthbearer-token", TestJwts.valid("ingest-static", jti, Duration.ofMinutes(10)));
        try (InProcessTributary app = InProcessTributary.start(settings)) {
            app.pushAndReadBack("team-oauth", "oauth_static_probe");
        }
        assertThat(HmacJwtValidatorCallbackHandler.accepted(jti)).isPositive();
    }

    @Test
    void aTokenFileRotatedWhileRunningIsPickedUpAtReauthenticationWithoutARestart() throws Exception {
        String first = "file-first-" + System.nanoTime();
        String second = "file-second-" + System.nanoTime();
        Path file = root.resolve("oauth-token.json");
        writeAtomically(file, "{\"token\":\"" + TestJwts.valid("ingest-file", first, Duration.ofMinutes(10)) + "\"}");
        Map<String, Object> settings = settings("sasl-oauth-file");
        settings.put("ingest-storage.kafka.sasl-mechanism", "OAUTHBEARER");
        settings.put("ingest-storage.kafka.sasl-oauthbearer-file-path", file.toString());
        try (InProcessTributary app = InProcessTributary.start(settings)) {
            app.pushAndReadBack("team-file", "oauth_file_before_rotation");

            writeAtomically(file, "{\"token\":\"" + TestJwts.valid("ingest-file", second, Duration.ofMinutes(10))
                    + "\",\"zid\":\"ingest-file\",\"extensions\":{\"traceId\":\"rotation\"}}");
            // An authentication that read the old file a moment ago gets to finish before the old token is revoked.
            Thread.sleep(200);
            HmacJwtValidatorCallbackHandler.revoke(first);
            // Sessions authenticated with the first token end within one REAUTH; by then every connection has
            // re-read the file. Pushing all along shows nobody had to wait for a restart.
            keepPushingFor(app, REAUTH.multipliedBy(2).plusSeconds(1), "oauth_file_during_rotation");
            int firstAccepted = HmacJwtValidatorCallbackHandler.accepted(first);
            keepPushingFor(app, REAUTH.plusSeconds(1), "oauth_file_during_rotation");

            assertThat(HmacJwtValidatorCallbackHandler.accepted(second)).as("authentications with the rotated token")
                    .isGreaterThanOrEqualTo(2);
            assertThat(HmacJwtValidatorCallbackHandler.accepted(first)).as("the revoked token is no longer used")
                    .isEqualTo(firstAccepted);
            assertThat(HmacJwtValidatorCallbackHandler.refused(first)).as("nothing re-sent the revoked token").isZero();
            app.pushAndReadBack("team-file", "oauth_file_after_rotation");
            assertThat(app.bean(KafkaClusterHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
        }
    }

    @Test
    void aUnixSocketCredentialsServerIsAskedAtEveryReauthentication() throws Exception {
        String first = "socket-first-" + System.nanoTime();
        String second = "socket-second-" + System.nanoTime();
        // Unix socket paths are limited to ~100 bytes, so not under target/.
        Path socketPath = Files.createTempDirectory("tributary-sock").resolve("credentials.sock");
        try (UnixSocketCredentialsServer server = new UnixSocketCredentialsServer(socketPath)) {
            server.answer("{\"token\":\"" + TestJwts.valid("ingest-socket", first, Duration.ofMinutes(10)) + "\"}");
            Map<String, Object> settings = settings("sasl-oauth-socket");
            settings.put("ingest-storage.kafka.sasl-mechanism", "OAUTHBEARER");
            settings.put("ingest-storage.kafka.sasl-oauthbearer-http-socket-path", socketPath.toString());
            settings.put("ingest-storage.kafka.sasl-oauthbearer-http-socket-timeout", "2s");
            try (InProcessTributary app = InProcessTributary.start(settings)) {
                app.pushAndReadBack("team-socket", "oauth_socket_probe");
                int asked = server.requests();
                assertThat(asked).isPositive();

                server.answer("{\"token\":\"" + TestJwts.valid("ingest-socket", second, Duration.ofMinutes(10)) + "\"}");
                Thread.sleep(200);
                HmacJwtValidatorCallbackHandler.revoke(first);
                keepPushingFor(app, REAUTH.multipliedBy(2).plusSeconds(1), "oauth_socket_during_rotation");

                assertThat(server.requests()).as("re-authentications asked the server again").isGreaterThan(asked);
                assertThat(HmacJwtValidatorCallbackHandler.accepted(second)).isPositive();
                app.pushAndReadBack("team-socket", "oauth_socket_after_rotation");
            }
        }
    }
}
