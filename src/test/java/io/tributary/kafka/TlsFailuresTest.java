package io.tributary.kafka;

import io.tributary.config.KafkaSettings;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;

import static org.assertj.core.api.Assertions.assertThat;

class TlsFailuresTest {

    private static SslAuthenticationException handshake(String reason) {
        return new SslAuthenticationException("SSL handshake failed", new SSLHandshakeException(reason));
    }

    @Test
    void aFailureWithoutTlsInItIsNotExplained() {
        assertThat(TlsFailures.explain(new TimeoutException("Topic ingest not present in metadata after 10000 ms."),
                new KafkaSettings())).isEmpty();
    }

    @ParameterizedTest(name = "broker says \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Received fatal alert: certificate_required | set ingest-storage.kafka.tls-cert-path and ingest-storage.kafka.tls-key-path",
            "Received fatal alert: protocol_version | lower ingest-storage.kafka.tls-min-version",
            "Received fatal alert: handshake_failure | tls-cipher-suites",
            "Unsupported or unrecognized SSL message | tls-enabled=false",
            "PKIX path building failed: unable to find valid certification path to requested target | set ingest-storage.kafka.tls-ca-path",
            "No subject alternative DNS name matching kafka-0 found. | set ingest-storage.kafka.tls-server-name"})
    void aHandshakeFailureNamesTheSettingToFix(String reason, String advice) {
        KafkaException failure = new KafkaException("Failed to describe cluster", handshake(reason));

        assertThat(TlsFailures.explain(failure, new KafkaSettings()))
                .hasValueSatisfying(message -> assertThat(message)
                        .startsWith("TLS handshake with the Kafka broker failed: ")
                        .contains(advice)
                        .endsWith("(" + reason + ")"));
    }

    @Test
    void aRejectedClientCertificateNamesItsPath() {
        KafkaSettings settings = new KafkaSettings();
        settings.setTlsCertPath("/etc/tributary/client.pem");

        assertThat(TlsFailures.explain(handshake("Received fatal alert: unknown_ca"), settings))
                .hasValueSatisfying(message -> assertThat(message)
                        .contains("the broker rejected the client certificate in ingest-storage.kafka.tls-cert-path "
                                + "/etc/tributary/client.pem"));
    }
}
