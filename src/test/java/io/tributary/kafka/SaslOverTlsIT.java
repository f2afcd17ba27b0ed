package io.tributary.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tributary.support.HmacJwtValidatorCallbackHandler;
import io.tributary.support.InProcessTributary;
import io.tributary.support.MskIamSaslServer;
import io.tributary.support.MskIamSignatureVerifier;
import io.tributary.support.TemporarySystemProperty;
import io.tributary.support.TestJwts;
import io.tributary.support.TestPki;
import io.tributary.support.TlsKafkaBroker;
import io.tributary.support.TlsKafkaBroker.Listener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every SASL mechanism Tributary supports over TLS (SASL_SSL) with the test CA, each proven by a remote-write push
 * that goes through Kafka and comes back out of a partition reader (strong read): PLAIN, SCRAM-SHA-256,
 * SCRAM-SHA-512, OAUTHBEARER from a static token and from a token file, and AWS_MSK_IAM with static keys. A
 * listener that requires a client certificate as well as SASL is passed with a certificate and SCRAM, OAUTHBEARER
 * or AWS_MSK_IAM; it refuses valid SASL credentials without a certificate, and a certificate with a wrong
 * password.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SaslOverTlsIT {

    private static Path root;
    private static TlsKafkaBroker broker;
    private static TemporarySystemProperty region;
    private static String caPem;
    private static TestPki.Issued client;
    private static String clientCertPem;
    private static String clientKeyPem;

    @BeforeAll
    static void startBroker() throws Exception {
        region = TemporarySystemProperty.awsRegion();
        root = Files.createTempDirectory(Files.createDirectories(Path.of("target/it-data")), "SaslOverTlsIT-");
        broker = new TlsKafkaBroker(root.resolve("kafka"), root.resolve("pki"));
        broker.start();
        broker.createScramUser();
        TestPki pki = broker.pki();
        caPem = pki.caPem(broker.ca(), "ca.pem").toString();
        client = pki.client(broker.ca(), "tributary-ingest");
        clientCertPem = pki.certificatePem(client, "tributary-ingest.pem").toString();
        clientKeyPem = pki.keyPem(client, "tributary-ingest-key.pem").toString();
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

    /**
     * One way in: the listener dialled, the ingest-storage.kafka.sasl-* settings, and what the broker's SASL
     * server must have seen afterwards (PLAIN and SCRAM leave no trace to look at, but their listeners take
     * nothing else).
     */
    record Case(String name, Listener listener, Map<String, String> sasl, Runnable brokerSawTheCredentials) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> waysIn() throws Exception {
        return Stream.of(
                plain(Listener.SASL_TLS),
                scram(Listener.SASL_TLS, "SCRAM-SHA-256"),
                scram(Listener.SASL_TLS, "SCRAM-SHA-512"),
                oauthbearerToken(Listener.SASL_TLS),
                oauthbearerFile(Listener.SASL_TLS),
                mskIamStaticKeys(Listener.SASL_TLS, "AKIASASLTLS00001"),
                scram(Listener.SASL_MTLS, "SCRAM-SHA-512"),
                oauthbearerToken(Listener.SASL_MTLS),
                mskIamStaticKeys(Listener.SASL_MTLS, "AKIASASLMTLS0001"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("waysIn")
    void carriesAPushThroughKafkaAndBackOutOfAPartitionReader(Case way) {
        String topic = way.name().toLowerCase().replaceAll("[^a-z0-9]+", "-");
        Map<String, Object> settings = InProcessTributary.baseSettings(topic, broker.address(way.listener()));
        settings.put("ingest-storage.kafka.tls-enabled", "true");
        settings.put("ingest-storage.kafka.tls-ca-path", caPem);
        if (way.listener() == Listener.SASL_MTLS) {
            settings.put("ingest-storage.kafka.tls-cert-path", clientCertPem);
            settings.put("ingest-storage.kafka.tls-key-path", clientKeyPem);
        }
        way.sasl().forEach((key, value) -> settings.put("ingest-storage.kafka." + key, value));

        try (InProcessTributary app = InProcessTributary.start(settings)) {
            app.pushAndReadBack("team-sasl-ssl", topic.replace('-', '_') + "_probe");
        }
        way.brokerSawTheCredentials().run();
    }

    @Test
    void theListenerThatWantsBothRefusesAClientWithOnlyOne() {
        Map<String, Object> scram = new HashMap<>(Map.of("security.protocol", "SASL_SSL",
                "ssl.truststore.type", "PEM", "ssl.truststore.location", caPem, "sasl.mechanism", "SCRAM-SHA-512"));

        Map<String, Object> saslWithoutCertificate = new HashMap<>(scram);
        saslWithoutCertificate.put("sasl.jaas.config", scramJaas(TlsKafkaBroker.SCRAM_PASSWORD));
        assertThat(describeClusterFailure(saslWithoutCertificate)).isInstanceOf(SslAuthenticationException.class);

        Map<String, Object> certificateWithWrongPassword = new HashMap<>(scram);
        certificateWithWrongPassword.put("sasl.jaas.config", scramJaas("not-the-password"));
        certificateWithWrongPassword.put("ssl.keystore.type", "PKCS12");
        certificateWithWrongPassword.put("ssl.keystore.location",
                broker.pki().keyStore(client, "tributary-ingest.p12").toString());
        certificateWithWrongPassword.put("ssl.keystore.password", TestPki.STORE_PASSWORD);
        assertThat(describeClusterFailure(certificateWithWrongPassword)).isInstanceOf(SaslAuthenticationException.class);
    }

    private static Throwable describeClusterFailure(Map<String, Object> security) {
        Map<String, Object> props = new HashMap<>(security);
        props.put("bootstrap.servers", broker.address(Listener.SASL_MTLS));
        try (Admin admin = Admin.create(props)) {
            Throwable failure = catchThrowable(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS));
            assertThat(failure).as("the broker let the client in").isNotNull();
            return failure.getCause();
        }
    }

    private static String scramJaas(String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + TlsKafkaBroker.SCRAM_USER
                + "\" password=\"" + password + "\";";
    }

    private static Case plain(Listener listener) {
        return new Case("PLAIN over " + listener, listener, Map.of("sasl-mechanism", "PLAIN",
                "sasl-username", TlsKafkaBroker.PLAIN_USER, "sasl-password", TlsKafkaBroker.PLAIN_PASSWORD), () -> { });
    }

    private static Case scram(Listener listener, String mechanism) {
        return new Case(mechanism + " over " + listener, listener, Map.of("sasl-mechanism", mechanism,
                "sasl-username", TlsKafkaBroker.SCRAM_USER, "sasl-password", TlsKafkaBroker.SCRAM_PASSWORD), () -> { });
    }

    private static Case oauthbearerToken(Listener listener) {
        String jti = "token-" + listener + "-" + System.nanoTime();
        return new Case("OAUTHBEARER static token over " + listener, listener, Map.of("sasl-mechanism", "OAUTHBEARER",
                "sasl-oauthbearer-token", TestJwts.valid("ingest-static", jti, Duration.ofMinutes(10))),
                () -> assertThat(HmacJwtValidatorCallbackHandler.accepted(jti)).as("authentications with " + jti).isPositive());
    }

    private static Case oauthbearerFile(Listener listener) throws Exception {
        String jti = "file-" + listener + "-" + System.nanoTime();
        Path file = Files.writeString(root.resolve("oauth-token-" + listener + ".json"),
                "{\"token\":\"" + TestJwts.valid("ingest-file", jti, Duration.ofMinutes(10)) + "\"}");
        return new Case("OAUTHBEARER token file over " + listener, listener, Map.of("sasl-mechanism", "OAUTHBEARER",
                "sasl-oauthbearer-file-path", file.toString()),
                () -> assertThat(HmacJwtValidatorCallbackHandler.accepted(jti)).as("authentications with " + jti).isPositive());
    }

    private static Case mskIamStaticKeys(Listener listener, String accessKey) {
        String secretKey = "secret/for+" + accessKey;
        MskIamSignatureVerifier.USERS.allow(accessKey, secretKey, null);
        Map<String, String> sasl = new LinkedHashMap<>();
        sasl.put("sasl-mechanism", "AWS_MSK_IAM");
        sasl.put("sasl-msk-iam-access-key", accessKey);
        sasl.put("sasl-msk-iam-secret-key", secretKey);
        return new Case("AWS_MSK_IAM static keys over " + listener, listener, sasl,
                () -> assertThat(MskIamSaslServer.ACCEPTED).as("authentications signed with " + accessKey)
                        .anySatisfy(verified -> assertThat(verified.accessKey()).isEqualTo(accessKey)));
    }
}
