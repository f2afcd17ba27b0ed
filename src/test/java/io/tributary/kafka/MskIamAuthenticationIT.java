package io.tributary.kafka;

import static io.tributary.support.CredentialRotation.keepPushingFor;
import static io.tributary.support.CredentialRotation.writeAtomically;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tributary.support.InProcessTributary;
import io.tributary.support.MskIamKafkaBroker;
import io.tributary.support.MskIamSaslServer;
import io.tributary.support.MskIamSignatureVerifier;
import io.tributary.support.TemporarySystemProperty;
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

/**
 * AWS_MSK_IAM through aws-msk-iam-auth against a broker whose SASL server checks every client's SigV4 signature
 * with the test secret ({@link MskIamSignatureVerifier}): static keys, a file rotated while running, a Unix-socket
 * credentials server and the AWS default chain each carry a push through Kafka and back out of a partition
 * reader; wrong keys, bad JSON and a dead socket fail startup fast, naming the setting, without the secret.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MskIamAuthenticationIT {

    /** Short sessions, so clients re-authenticate (and re-read file and socket credentials) during a test. */
    private static final Duration REAUTH = Duration.ofSeconds(2);
    private static final Duration FAST_STARTUP_FAILURE = Duration.ofSeconds(12);

    private static Path root;
    private static MskIamKafkaBroker broker;
    private static TemporarySystemProperty region;

    @BeforeAll
    static void startBroker() throws Exception {
        region = TemporarySystemProperty.awsRegion();
        root = Files.createTempDirectory(Files.createDirectories(Path.of("target/it-data")), "MskIamAuthenticationIT-");
        broker = new MskIamKafkaBroker(root.resolve("kafka"), REAUTH);
        broker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
        if (region != null) {
            region.close();
        }
    }

    private static Map<String, Object> settings(String name) {
        Map<String, Object> settings = InProcessTributary.baseSettings(name, broker.iamServers());
        settings.put("ingest-storage.kafka.sasl-mechanism", "AWS_MSK_IAM");
        return settings;
    }

    private static long acceptedAs(String accessKey, String userAgent) {
        return MskIamSaslServer.ACCEPTED.stream()
                .filter(v -> v.accessKey().equals(accessKey) && v.userAgent().equals(userAgent)).count();
    }

    @Test
    void staticKeysWithASessionTokenAndUserAgentCarryAPushThroughKafka() {
        MskIamSignatureVerifier.USERS.allow("ASIASTATIC0001", "static/Secret+Key", "session-token-0001");
        Map<String, Object> settings = settings("msk-static");
        settings.put("ingest-storage.kafka.sasl-msk-iam-access-key", "ASIASTATIC0001");
        settings.put("ingest-storage.kafka.sasl-msk-iam-secret-key", "static/Secret+Key");
        settings.put("ingest-storage.kafka.sasl-msk-iam-session-token", "session-token-0001");
        settings.put("ingest-storage.kafka.sasl-msk-iam-user-agent", "tributary-static");
        try (InProcessTributary app = InProcessTributary.start(settings)) {
            app.pushAndReadBack("team-msk", "msk_static_probe");
        }
        assertThat(acceptedAs("ASIASTATIC0001", "tributary-static")).isPositive();
    }

    @Test
    void aCredentialsFileRotatedWhileRunningIsPickedUpAtReauthenticationWithoutARestart() throws Exception {
        // Two keys of one IAM user, as a key rotation has them: Kafka keeps a connection's principal across
        // re-authentications, and on MSK the principal is the user, not the key.
        String user = "arn:aws:iam::123456789012:user/tributary-ingest";
        MskIamSignatureVerifier.USERS.allow("AKIAFILEFIRST01", "first-secret", null, user);
        MskIamSignatureVerifier.USERS.allow("AKIAFILESECOND1", "second-secret", null, user);
        Path file = root.resolve("msk-credentials.json");
        writeAtomically(file, "{\"AccessKey\":\"AKIAFILEFIRST01\",\"SecretKey\":\"first-secret\"}");
        Map<String, Object> settings = settings("msk-file");
        settings.put("ingest-storage.kafka.sasl-msk-iam-file-path", file.toString());
        try (InProcessTributary app = InProcessTributary.start(settings)) {
            app.pushAndReadBack("team-msk-file", "msk_file_before_rotation");
            // No UserAgent in the file and no setting: the library's own user agent goes out untouched.
            assertThat(MskIamSaslServer.ACCEPTED).anySatisfy(v -> {
                assertThat(v.accessKey()).isEqualTo("AKIAFILEFIRST01");
                assertThat(v.userAgent()).startsWith("aws-msk-iam-auth");
            });

            writeAtomically(file, "{\"AccessKey\":\"AKIAFILESECOND1\",\"SecretKey\":\"second-secret\","
                    + "\"UserAgent\":\"tributary-rotated\"}");
            Thread.sleep(200);
            MskIamSignatureVerifier.USERS.revoke("AKIAFILEFIRST01");
            keepPushingFor(app, REAUTH.multipliedBy(2).plusSeconds(1), "msk_file_during_rotation");

            assertThat(acceptedAs("AKIAFILESECOND1", "tributary-rotated")).as("authentications with the new keys")
                    .isGreaterThanOrEqualTo(2);
            app.pushAndReadBack("team-msk-file", "msk_file_after_rotation");
        }
    }

    @Test
    void aUnixSocketCredentialsServerIsAskedAtEveryReauthentication() throws Exception {
        MskIamSignatureVerifier.USERS.allow("ASIASOCKET00001", "socket-secret", "socket-token");
        Path socketPath = Files.createTempDirectory("tributary-sock").resolve("msk.sock");
        try (UnixSocketCredentialsServer server = new UnixSocketCredentialsServer(socketPath)) {
            server.answer("{\"AccessKey\":\"ASIASOCKET00001\",\"SecretKey\":\"socket-secret\","
                    + "\"SessionToken\":\"socket-token\",\"UserAgent\":\"tributary-socket\"}");
            Map<String, Object> settings = settings("msk-socket");
            settings.put("ingest-storage.kafka.sasl-msk-iam-http-socket-path", socketPath.toString());
            settings.put("ingest-storage.kafka.sasl-msk-iam-http-socket-timeout", "2s");
            try (InProcessTributary app = InProcessTributary.start(settings)) {
                app.pushAndReadBack("team-msk-socket", "msk_socket_probe");
                int asked = server.requests();
                keepPushingFor(app, REAUTH.multipliedBy(2).plusSeconds(1), "msk_socket_during_reauth");
                assertThat(server.requests()).as("re-authentications asked the server again").isGreaterThan(asked);
            }
        }
        assertThat(acceptedAs("ASIASOCKET00001", "tributary-socket")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void withNoCredentialSettingTheAwsDefaultChainIsAsked() {
        MskIamSignatureVerifier.USERS.allow("AKIADEFAULTCHN1", "chain-secret", null);
        System.setProperty("aws.accessKeyId", "AKIADEFAULTCHN1");
        System.setProperty("aws.secretAccessKey", "chain-secret");
        try (InProcessTributary app = InProcessTributary.start(settings("msk-default-chain"))) {
            app.pushAndReadBack("team-msk-chain", "msk_default_chain_probe");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
        assertThat(MskIamSaslServer.ACCEPTED).anySatisfy(v -> assertThat(v.accessKey()).isEqualTo("AKIADEFAULTCHN1"));
    }

    @Test
    void aWrongSecretKeyStopsStartupFastNamingTheKeysWithoutTheSecret() {
        MskIamSignatureVerifier.USERS.allow("AKIAWRONGSECRET", "the-right-secret", null);
        Map<String, Object> settings = settings("msk-wrong-secret");
        settings.put("ingest-storage.kafka.sasl-msk-iam-access-key", "AKIAWRONGSECRET");
        settings.put("ingest-storage.kafka.sasl-msk-iam-secret-key", "not-the-secret-41d8");

        String failure = failedStartupWithin(settings, FAST_STARTUP_FAILURE);

        assertThat(failure).contains("ingest-storage.kafka.sasl-msk-iam-secret-key").doesNotContain("not-the-secret-41d8");
    }

    @Test
    void aCredentialsFileThatIsNotJsonStopsStartupFastWithoutQuotingIt() throws Exception {
        Path file = root.resolve("not-json.json");
        Files.writeString(file, "AccessKey=AKIA SecretKey=leaked-if-quoted-9c2e");
        Map<String, Object> settings = settings("msk-bad-json");
        settings.put("ingest-storage.kafka.sasl-msk-iam-file-path", file.toString());

        String failure = failedStartupWithin(settings, FAST_STARTUP_FAILURE);

        assertThat(failure).contains("ingest-storage.kafka.sasl-msk-iam-file-path").contains("not valid JSON")
                .doesNotContain("leaked-if-quoted-9c2e");
    }

    @Test
    void aSocketNobodyListensOnStopsStartupFastNamingTheSocketSetting() throws Exception {
        Path socketPath = Files.createTempDirectory("tributary-sock").resolve("nobody.sock");
        Map<String, Object> settings = settings("msk-dead-socket");
        settings.put("ingest-storage.kafka.sasl-msk-iam-http-socket-path", socketPath.toString());

        String failure = failedStartupWithin(settings, FAST_STARTUP_FAILURE);

        assertThat(failure).contains("ingest-storage.kafka.sasl-msk-iam-http-socket-path").contains("nothing answers on");
    }

    /** Starts with {@code settings}, which must fail within {@code limit}; returns the exception chain's messages. */
    private static String failedStartupWithin(Map<String, Object> settings, Duration limit) {
        long start = System.nanoTime();
        Throwable failure = catchThrowable(() -> InProcessTributary.start(settings).close());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(failure).as("startup should have failed").isNotNull();
        StringBuilder chain = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            chain.append(t).append('\n');
        }
        assertThat(took).as(chain.toString()).isLessThan(limit);
        return chain.toString();
    }
}
