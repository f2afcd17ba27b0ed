package io.tributary.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which keys are credentials, in every form a key can take, and how Kafka client properties are masked. */
class SecretKeysTest {

    @Test
    @DisplayName("Kafka's PASSWORD-typed keys come from Kafka's own ConfigDefs")
    void kafkaPasswordKeysComeFromConfigDef() {
        assertThat(SecretKeys.kafkaPasswordKeys()).contains("sasl.jaas.config", "ssl.keystore.password",
                "ssl.key.password", "ssl.truststore.password").doesNotContain("bootstrap.servers", "sasl.mechanism");
    }

    @ParameterizedTest(name = "{0} is a secret")
    @ValueSource(strings = {
            "ingest-storage.kafka.sasl-password",
            "ingest-storage.kafka.sasl-oauthbearer-token",
            "ingest-storage.kafka.sasl-oauthbearer-extensions",
            "ingest-storage.kafka.sasl-msk-iam-secret-key",
            "ingest-storage.kafka.sasl-msk-iam-session-token",
            "blocks-storage.s3.secret-access-key",
            "blocks-storage.s3.session-token",
            "blocks_storage.s3.secret_access_key",
            "BLOCKSSTORAGE_S3_SECRETACCESSKEY",
            "blocks-storage.s3.sessionToken",
            "ingest_storage.kafka.sasl_password",
            "INGESTSTORAGE_KAFKA_SASLPASSWORD",
            "INGEST_STORAGE_KAFKA_SASL_MSK_IAM_SECRET_KEY",
            "ingest-storage.kafka.saslOauthbearerToken",
            "tributary.console.password",
            "TRIBUTARY_CONSOLE_PASSWORD",
            "tributary.api-auth.password",
            "tributary.api-auth.bearer-token",
            "tributary.api-auth.tenants.team-a.password",
            "tributary.api-auth.tenants.team-a.bearer-token",
            "sasl.jaas.config",
            "ssl.keystore.password",
            "ssl.key.password",
            "ssl.truststore.password",
            "spring.kafka.properties.sasl.jaas.config",
            "SPRING_KAFKA_PROPERTIES_SSL_KEY_PASSWORD"})
    void recognisesSecrets(String key) {
        assertThat(SecretKeys.isSecret(key)).isTrue();
    }

    @ParameterizedTest(name = "{0} is not a secret")
    @ValueSource(strings = {
            "ingest-storage.kafka.sasl-username",
            "ingest-storage.kafka.sasl-msk-iam-access-key",
            "ingest-storage.kafka.sasl-oauthbearer-file-path",
            "ingest-storage.kafka.sasl-oauthbearer-http-socket-path",
            "ingest-storage.kafka.topic",
            "tributary.console.username",
            "tributary.api-auth.username",
            "tributary.api-auth.enabled",
            "blocks-storage.s3.access-key-id",
            "blocks-storage.s3.bucket-name",
            "blocks-storage.s3.endpoint",
            "bootstrap.servers",
            "sasl.mechanism",
            "ssl.keystore.location",
            ""})
    void leavesOtherKeysVisible(String key) {
        assertThat(SecretKeys.isSecret(key)).isFalse();
    }

    @Test
    @DisplayName("masked hides credential values of Kafka client properties and keeps everything else, in order")
    void maskedHidesCredentials() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", "kafka-0.kafka:9092");
        props.put("sasl.mechanism", "SCRAM-SHA-512");
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"ingester\" password=\"hunter2\";");
        props.put("ssl.truststore.password", "");
        props.put("tributary.credential", Secret.of("hunter2"));

        Map<String, Object> masked = SecretKeys.masked(props);

        assertThat(masked).containsExactly(
                Map.entry("bootstrap.servers", "kafka-0.kafka:9092"),
                Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                Map.entry("sasl.jaas.config", "******"),
                Map.entry("ssl.truststore.password", ""),
                Map.entry("tributary.credential", "******"));
        assertThat(props.get("sasl.jaas.config").toString()).contains("hunter2");
    }
}
