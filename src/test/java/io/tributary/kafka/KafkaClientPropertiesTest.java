package io.tributary.kafka;

import io.tributary.config.KafkaSettings;
import io.tributary.config.SaslMechanism;
import io.tributary.config.Secret;
import io.tributary.kafka.tls.PemTlsEngineFactory;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaClientPropertiesTest {

    private static final String BROKERS = "kafka-0.ingest:9092,kafka-1.ingest:9092";

    private static Map<String, Object> connection(String protocol) {
        Map<String, Object> expected = new HashMap<>();
        expected.put("bootstrap.servers", BROKERS);
        expected.put("socket.connection.setup.timeout.ms", 2000L);
        expected.put("socket.connection.setup.timeout.max.ms", 2000L);
        expected.put("security.protocol", protocol);
        return expected;
    }

    @Test
    @DisplayName("the producer writes acks=all, idempotent, 16 MB requests, snappy, within the write timeout")
    void producerDefaults() {
        Map<String, Object> expected = connection("PLAINTEXT");
        expected.put("key.serializer", ByteArraySerializer.class);
        expected.put("value.serializer", ByteArraySerializer.class);
        expected.put("acks", "all");
        expected.put("enable.idempotence", true);
        expected.put("max.in.flight.requests.per.connection", 5);
        expected.put("max.request.size", 16_000_000);
        expected.put("batch.size", 262_144);
        expected.put("buffer.memory", 1_073_741_824L);
        expected.put("compression.type", "snappy");
        expected.put("linger.ms", 0L);
        expected.put("delivery.timeout.ms", 10_000);
        expected.put("request.timeout.ms", 10_000);
        expected.put("max.block.ms", 10_000L);

        assertThat(KafkaClientProperties.producer(new KafkaSettings(), BROKERS)).isEqualTo(expected);
    }

    @Test
    @DisplayName("partition readers never auto-commit, read uncommitted and fetch a whole 16 MB record")
    void consumerDefaults() {
        KafkaSettings settings = new KafkaSettings();
        settings.setClientId("tributary-ingester-zone-a-3");
        settings.setClientRack("eu-west-1a");
        Map<String, Object> expected = connection("PLAINTEXT");
        expected.put("client.id", "tributary-ingester-zone-a-3");
        expected.put("client.rack", "eu-west-1a");
        expected.put("key.deserializer", ByteArrayDeserializer.class);
        expected.put("value.deserializer", ByteArrayDeserializer.class);
        expected.put("enable.auto.commit", false);
        expected.put("isolation.level", "read_uncommitted");
        expected.put("auto.offset.reset", "earliest");
        expected.put("fetch.max.wait.ms", 5_000);
        expected.put("request.timeout.ms", 30_000);
        expected.put("fetch.max.bytes", 52_428_800);
        expected.put("max.partition.fetch.bytes", 1_048_576);

        assertThat(KafkaClientProperties.consumer(settings, BROKERS)).isEqualTo(expected);
    }

    @Test
    @DisplayName("a concurrent fetcher has no group or rack, asks for its own MaxBytes, does not wait at the log end")
    void concurrentFetcher() {
        KafkaSettings settings = new KafkaSettings();
        settings.setClientId("tributary-ingester-zone-a-3");
        settings.setClientRack("eu-west-1a");
        Map<String, Object> fetcher = KafkaClientProperties.concurrentFetcher(settings, BROKERS, 3_000_000);

        assertThat(fetcher).doesNotContainKeys("group.id", "client.rack")
                .containsEntry("client.id", "tributary-ingester-zone-a-3")
                .containsEntry("enable.auto.commit", false)
                .containsEntry("max.partition.fetch.bytes", 3_000_000)
                .containsEntry("fetch.max.bytes", 3_000_000)
                .containsEntry("fetch.max.wait.ms", 50);
        assertThat(new ConsumerConfig(fetcher).getInt("fetch.max.bytes")).isEqualTo(3_000_000);
    }

    @Test
    @DisplayName("a fetch wait of 30 s keeps the request timeout above it")
    void longFetchWaitRaisesRequestTimeout() {
        KafkaSettings settings = new KafkaSettings();
        settings.setFetchMaxWait(Duration.ofSeconds(30));
        assertThat(KafkaClientProperties.consumer(settings, BROKERS))
                .containsEntry("fetch.max.wait.ms", 30_000)
                .containsEntry("request.timeout.ms", 35_000);
    }

    @Test
    @DisplayName("no limit on buffered bytes (0) becomes an unbounded producer buffer")
    void unlimitedBuffer() {
        KafkaSettings settings = new KafkaSettings();
        settings.setProducerMaxBufferedBytes(0);
        assertThat(KafkaClientProperties.producer(settings, BROKERS)).containsEntry("buffer.memory", Long.MAX_VALUE);
    }

    @Test
    @DisplayName("a 2 s write timeout bounds delivery, request and blocking consistently")
    void shortWriteTimeout() {
        KafkaSettings settings = new KafkaSettings();
        settings.setWriteTimeout(Duration.ofSeconds(2));
        settings.setProducerCompression("zstd");
        assertThat(KafkaClientProperties.producer(settings, BROKERS))
                .containsEntry("delivery.timeout.ms", 2_000)
                .containsEntry("request.timeout.ms", 2_000)
                .containsEntry("max.block.ms", 2_000L)
                .containsEntry("compression.type", "zstd");
    }

    @Test
    @DisplayName("an unknown compression codec is refused with the key and the allowed values")
    void unknownCompression() {
        KafkaSettings settings = new KafkaSettings();
        settings.setProducerCompression("brotli");
        assertThatThrownBy(() -> KafkaClientProperties.producer(settings, BROKERS))
                .hasMessage("ingest-storage.kafka.producer-compression is 'brotli': allowed are none, gzip, snappy, lz4, zstd, or empty (snappy)");
    }

    @Test
    @DisplayName("PLAIN with neither username nor password means no SASL")
    void plainWithoutCredentialsIsNoSasl() {
        assertThat(KafkaClientProperties.admin(new KafkaSettings(), BROKERS)).isEqualTo(connection("PLAINTEXT"));
    }

    @Test
    @DisplayName("PLAIN credentials become a PlainLoginModule JAAS line with quotes and backslashes escaped")
    void plain() {
        KafkaSettings settings = new KafkaSettings();
        settings.setSaslUsername("tenant-writer");
        settings.setSaslPassword(Secret.of("pa\"ss\\word"));
        Map<String, Object> expected = connection("SASL_PLAINTEXT");
        expected.put("sasl.mechanism", "PLAIN");
        expected.put("sasl.jaas.config", new Password(
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"tenant-writer\" password=\"pa\\\"ss\\\\word\";"));

        Map<String, Object> actual = KafkaClientProperties.admin(settings, BROKERS);

        assertThat(actual).isEqualTo(expected);
        assertThat(actual.toString()).doesNotContain("pa\"ss");
    }

    @ParameterizedTest(name = "{0} uses the SCRAM login module")
    @CsvSource({"SCRAM_SHA_256, SCRAM-SHA-256", "SCRAM_SHA_512, SCRAM-SHA-512"})
    void scram(SaslMechanism mechanism, String kafkaName) {
        KafkaSettings settings = new KafkaSettings();
        settings.setSaslMechanism(mechanism);
        settings.setSaslUsername("mimir");
        settings.setSaslPassword(Secret.of("s3cret"));
        Map<String, Object> expected = connection("SASL_PLAINTEXT");
        expected.put("sasl.mechanism", kafkaName);
        expected.put("sasl.jaas.config", new Password(
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"mimir\" password=\"s3cret\";"));

        assertThat(KafkaClientProperties.admin(settings, BROKERS)).isEqualTo(expected);
    }

    @Test
    @DisplayName("TLS goes through Tributary's engine factory with the CA path, and narrows protocols and ciphers")
    void tls() {
        KafkaSettings settings = new KafkaSettings();
        settings.setTlsEnabled(true);
        settings.setTlsCaPath("/etc/tributary/kafka-ca.pem");
        settings.setTlsServerName("kafka.internal");
        settings.setTlsCipherSuites("TLS_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        settings.setTlsMinVersion("VersionTLS13");
        Map<String, Object> expected = connection("SSL");
        expected.put("ssl.engine.factory.class", PemTlsEngineFactory.class);
        expected.put("tributary.tls.ca-path", "/etc/tributary/kafka-ca.pem");
        expected.put("tributary.tls.server-name", "kafka.internal");
        expected.put("ssl.cipher.suites", "TLS_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        expected.put("ssl.enabled.protocols", "TLSv1.3");

        assertThat(KafkaClientProperties.admin(settings, BROKERS)).isEqualTo(expected);
    }

    @Test
    @DisplayName("insecure-skip-verify is handed to the engine factory, which then verifies nothing")
    void insecureSkipVerify() {
        KafkaSettings settings = new KafkaSettings();
        settings.setTlsEnabled(true);
        settings.setTlsInsecureSkipVerify(true);
        settings.setTlsMinVersion("TLSv1.2");
        Map<String, Object> expected = connection("SSL");
        expected.put("ssl.engine.factory.class", PemTlsEngineFactory.class);
        expected.put("tributary.tls.insecure-skip-verify", "true");
        expected.put("ssl.enabled.protocols", "TLSv1.3,TLSv1.2");

        assertThat(KafkaClientProperties.admin(settings, BROKERS)).isEqualTo(expected);
    }

    @Test
    @DisplayName("TLS paths are ignored while tls-enabled is false")
    void tlsOff() {
        KafkaSettings settings = new KafkaSettings();
        settings.setTlsCaPath("/etc/tributary/kafka-ca.pem");
        assertThat(KafkaClientProperties.admin(settings, BROKERS)).isEqualTo(connection("PLAINTEXT"));
    }

    @Test
    @DisplayName("mTLS with SCRAM passes the certificate and key paths, never their contents")
    void mutualTlsWithScram() {
        KafkaSettings settings = new KafkaSettings();
        settings.setTlsEnabled(true);
        settings.setTlsCaPath("/etc/tributary/kafka-ca.pem");
        settings.setTlsCertPath("/etc/tributary/client.pem");
        settings.setTlsKeyPath("/etc/tributary/client-key.pem");
        settings.setSaslMechanism(SaslMechanism.SCRAM_SHA_512);
        settings.setSaslUsername("mimir");
        settings.setSaslPassword(Secret.of("s3cret"));
        Map<String, Object> expected = connection("SASL_SSL");
        expected.put("sasl.mechanism", "SCRAM-SHA-512");
        expected.put("sasl.jaas.config", new Password(
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"mimir\" password=\"s3cret\";"));
        expected.put("ssl.engine.factory.class", PemTlsEngineFactory.class);
        expected.put("tributary.tls.ca-path", "/etc/tributary/kafka-ca.pem");
        expected.put("tributary.tls.cert-path", "/etc/tributary/client.pem");
        expected.put("tributary.tls.key-path", "/etc/tributary/client-key.pem");

        assertThat(KafkaClientProperties.admin(settings, BROKERS)).isEqualTo(expected);
    }

    @Test
    @DisplayName("a static OAUTHBEARER token goes to Tributary's login callback handler through JAAS options")
    void oauthbearer() {
        KafkaSettings settings = new KafkaSettings();
        settings.setSaslMechanism(SaslMechanism.OAUTHBEARER);
        settings.setSaslOauthbearerToken(Secret.of("eyJhbGciOi.token.sig"));
        settings.setSaslOauthbearerExtensions(Secret.of("{\"logicalCluster\":\"lkc-123\"}"));
        Map<String, Object> expected = connection("SASL_PLAINTEXT");
        expected.put("sasl.mechanism", "OAUTHBEARER");
        expected.put("sasl.jaas.config", new Password("org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required "
                + "token=\"eyJhbGciOi.token.sig\" extensions=\"{\\\"logicalCluster\\\":\\\"lkc-123\\\"}\";"));
        expected.put("sasl.login.callback.handler.class", OAuthBearerStaticTokenCallbackHandler.class);

        assertThat(KafkaClientProperties.admin(settings, BROKERS)).isEqualTo(expected);
    }

    @Test
    @DisplayName("an OAUTHBEARER credentials file is read per connection by Tributary's SASL client callback handler")
    void oauthbearerFile() {
        KafkaSettings settings = new KafkaSettings();
        settings.setSaslMechanism(SaslMechanism.OAUTHBEARER);
        settings.setSaslOauthbearerFilePath("/var/run/secrets/kafka-token.json");
        Map<String, Object> expected = connection("SASL_PLAINTEXT");
        expected.put("sasl.mechanism", "OAUTHBEARER");
        expected.put("sasl.jaas.config", new Password("org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required "
                + "filePath=\"/var/run/secrets/kafka-token.json\";"));
        expected.put("sasl.login.callback.handler.class", OAuthBearerPlaceholderLoginCallbackHandler.class);
        expected.put("sasl.client.callback.handler.class", OAuthBearerSourceCallbackHandler.class);

        assertThat(KafkaClientProperties.admin(settings, BROKERS)).isEqualTo(expected);
    }

    @Test
    @DisplayName("an OAUTHBEARER credentials socket is asked per connection, with the socket timeout in milliseconds")
    void oauthbearerSocket() {
        KafkaSettings settings = new KafkaSettings();
        settings.setSaslMechanism(SaslMechanism.OAUTHBEARER);
        settings.setSaslOauthbearerHttpSocketPath("/run/kafka-credentials.sock");
        settings.setSaslOauthbearerHttpSocketTimeout(java.time.Duration.ofSeconds(3));

        assertThat(KafkaClientProperties.admin(settings, BROKERS))
                .containsEntry("sasl.jaas.config", new Password("org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule "
                        + "required socketPath=\"/run/kafka-credentials.sock\" socketTimeoutMs=\"3000\";"))
                .containsEntry("sasl.client.callback.handler.class", OAuthBearerSourceCallbackHandler.class);
    }

    @Test
    @DisplayName("AWS_MSK_IAM with TLS and no source: aws-msk-iam-auth's login module, our handler asking the AWS default chain")
    void mskIam() {
        KafkaSettings settings = new KafkaSettings();
        settings.setSaslMechanism(SaslMechanism.AWS_MSK_IAM);
        settings.setTlsEnabled(true);
        Map<String, Object> expected = connection("SASL_SSL");
        expected.put("sasl.mechanism", "AWS_MSK_IAM");
        expected.put("sasl.jaas.config", new Password("software.amazon.msk.auth.iam.IAMLoginModule required"
                + " tributaryUserAgent=\"\";"));
        expected.put("sasl.client.callback.handler.class", MskIamCallbackHandler.class);
        expected.put("ssl.engine.factory.class", PemTlsEngineFactory.class);

        assertThat(KafkaClientProperties.admin(settings, BROKERS)).isEqualTo(expected);
    }

    @Test
    @DisplayName("static MSK IAM keys go to our handler as JAAS options, which Kafka holds as a password")
    void mskIamStaticKeys() {
        KafkaSettings settings = new KafkaSettings();
        settings.setSaslMechanism(SaslMechanism.AWS_MSK_IAM);
        settings.setSaslMskIamAccessKey("AKIAEXAMPLE");
        settings.setSaslMskIamSecretKey(Secret.of("wJalrXUtnFEMI"));
        settings.setSaslMskIamUserAgent("tributary-eu");

        Map<String, Object> props = KafkaClientProperties.admin(settings, BROKERS);

        assertThat(props).containsEntry("sasl.client.callback.handler.class", MskIamCallbackHandler.class);
        assertThat(props.get("sasl.jaas.config")).isInstanceOf(Password.class).hasToString("[hidden]");
        assertThat(((Password) props.get("sasl.jaas.config")).value()).isEqualTo("software.amazon.msk.auth.iam.IAMLoginModule"
                + " required tributaryAccessKey=\"AKIAEXAMPLE\" tributarySecretKey=\"wJalrXUtnFEMI\""
                + " tributaryUserAgent=\"tributary-eu\";");
    }

    @Test
    @DisplayName("produce and consume endpoints override the address for their client; admin keeps the address")
    void endpointsOverrideAddress() {
        KafkaSettings settings = new KafkaSettings();
        settings.setAddress("kafka-seed:9092");
        settings.setProduceEndpoint(" writers-0:9093, writers-1:9093 ");
        settings.setConsumeEndpoint("readers:9094");

        assertThat(BootstrapServers.producer(settings)).isEqualTo("writers-0:9093,writers-1:9093");
        assertThat(BootstrapServers.consumer(settings)).isEqualTo("readers:9094");
        assertThat(BootstrapServers.admin(settings)).isEqualTo("kafka-seed:9092");
        assertThat(KafkaClientProperties.producer(settings, BootstrapServers.producer(settings)))
                .containsEntry("bootstrap.servers", "writers-0:9093,writers-1:9093");
    }

    @Test
    @DisplayName("without an address, admin falls back to the produce endpoint and consumers to the address (none)")
    void adminFallsBackToProduceEndpoint() {
        KafkaSettings settings = new KafkaSettings();
        settings.setProduceEndpoint("writers:9093");
        assertThat(BootstrapServers.admin(settings)).isEqualTo("writers:9093");
        assertThat(BootstrapServers.consumer(settings)).isEmpty();
        assertThat(BootstrapServers.noneConfigured(settings)).isFalse();
        assertThat(BootstrapServers.noneConfigured(new KafkaSettings())).isTrue();
    }

    @Test
    @DisplayName("Kafka's own config parsers accept every map as built")
    void kafkaAcceptsTheMaps() {
        KafkaSettings settings = new KafkaSettings();
        settings.setSaslMechanism(SaslMechanism.SCRAM_SHA_256);
        settings.setSaslUsername("mimir");
        settings.setSaslPassword(Secret.of("s3cret"));
        settings.setTlsEnabled(true);
        settings.setTlsMinVersion("VersionTLS12");
        settings.setTlsCertPath("/etc/tributary/client.pem");
        settings.setTlsKeyPath("/etc/tributary/client-key.pem");

        ProducerConfig producer = new ProducerConfig(KafkaClientProperties.producer(settings, BROKERS));
        ConsumerConfig consumer = new ConsumerConfig(KafkaClientProperties.consumer(settings, BROKERS));
        AdminClientConfig admin = new AdminClientConfig(KafkaClientProperties.admin(settings, BROKERS));

        assertThat(producer.getLong("buffer.memory")).isEqualTo(1_073_741_824L);
        assertThat(producer.getBoolean("enable.idempotence")).isTrue();
        assertThat(consumer.getInt("max.partition.fetch.bytes")).isEqualTo(1_048_576);
        assertThat(admin.getClass("ssl.engine.factory.class")).isEqualTo(PemTlsEngineFactory.class);
        assertThat(admin.originals()).containsEntry("tributary.tls.key-path", "/etc/tributary/client-key.pem");
    }
}
