package io.tributary.kafka.tls;

import io.tributary.support.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PemTlsEngineFactoryTest {

    @TempDir
    static Path dir;

    private static TestPki pki;
    private static TestPki.Issued ca;
    private static TestPki.Issued client;
    private static Path caPem;
    private static Path clientPem;
    private static Path clientKey;

    @BeforeAll
    static void issue() {
        pki = new TestPki(dir);
        ca = pki.ca("Billing Kafka CA");
        client = pki.client(ca, "tributary-billing");
        caPem = pki.caPem(ca, "ca.pem");
        clientPem = pki.certificatePem(client, "client.pem");
        clientKey = pki.keyPem(client, "client-key.pem");
    }

    private static SSLEngine engine(Map<String, Object> configs, String dialled) {
        PemTlsEngineFactory factory = new PemTlsEngineFactory();
        factory.configure(configs);
        return factory.createClientSslEngine(dialled, 9093, "https");
    }

    @Test
    void theServerNameIsSentAsSniAndIsTheNameVerified() {
        SSLEngine engine = engine(Map.of(PemTlsEngineFactory.CA_PATH, caPem.toString(),
                PemTlsEngineFactory.SERVER_NAME, "kafka.billing.internal"), "10.0.4.17");

        assertThat(engine.getUseClientMode()).isTrue();
        assertThat(engine.getPeerHost()).isEqualTo("kafka.billing.internal");
        assertThat(engine.getSSLParameters().getServerNames()).containsExactly(new SNIHostName("kafka.billing.internal"));
        assertThat(engine.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
    }

    @Test
    void withoutAServerNameTheDialledHostIsVerified() {
        SSLEngine engine = engine(Map.of(PemTlsEngineFactory.CA_PATH, caPem.toString()), "kafka-0.billing");

        assertThat(engine.getPeerHost()).isEqualTo("kafka-0.billing");
        assertThat(engine.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
    }

    @Test
    void skippingVerificationAlsoSkipsTheNameCheck() {
        SSLEngine engine = engine(Map.of(PemTlsEngineFactory.INSECURE_SKIP_VERIFY, "true"), "kafka-0.billing");

        assertThat(engine.getSSLParameters().getEndpointIdentificationAlgorithm()).isNull();
    }

    @Test
    void protocolsAndCipherSuitesAreNarrowed() {
        Map<String, Object> configs = new HashMap<>();
        configs.put("ssl.enabled.protocols", List.of("TLSv1.3"));
        configs.put("ssl.cipher.suites", "TLS_AES_128_GCM_SHA256");
        SSLEngine engine = engine(configs, "kafka-0.billing");

        assertThat(engine.getEnabledProtocols()).containsExactly("TLSv1.3");
        assertThat(engine.getEnabledCipherSuites()).containsExactly("TLS_AES_128_GCM_SHA256");
    }

    @Test
    void theClientCertificateAndKeyAreLoadedFromTwoPemFiles() {
        PemTlsEngineFactory factory = new PemTlsEngineFactory();
        factory.configure(Map.of(PemTlsEngineFactory.CERT_PATH, clientPem.toString(),
                PemTlsEngineFactory.KEY_PATH, clientKey.toString()));

        assertThat(factory.keystore()).isNotNull();
        assertThat(factory.truststore()).isNull(); // the JVM's roots
    }

    @Test
    void aTraditionalKeyIsRefusedWithTheCommandThatConvertsIt() throws Exception {
        Path rsa = Files.writeString(dir.resolve("rsa-key.pem"), "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> engine(Map.of(PemTlsEngineFactory.CERT_PATH, clientPem.toString(),
                PemTlsEngineFactory.KEY_PATH, rsa.toString()), "kafka-0.billing"))
                .isInstanceOf(TlsFileException.class)
                .hasMessageContaining("ingest-storage.kafka.tls-key-path " + rsa + " is not an unencrypted PKCS#8 key")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt -in " + rsa);
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedWithoutShowingIt() {
        TestPki.Issued other = pki.client(ca, "tributary-other");
        Path otherKey = pki.keyPem(other, "other-key.pem");

        assertThatThrownBy(() -> engine(Map.of(PemTlsEngineFactory.CERT_PATH, clientPem.toString(),
                PemTlsEngineFactory.KEY_PATH, otherKey.toString()), "kafka-0.billing"))
                .isInstanceOf(TlsFileException.class)
                .hasMessage("ingest-storage.kafka.tls-key-path " + otherKey + " is not the private key of the certificate"
                        + " in ingest-storage.kafka.tls-cert-path: set the two to a matching certificate and key");
    }

    @Test
    void aCertificateWithoutItsKeyIsRefused() {
        assertThatThrownBy(() -> engine(Map.of(PemTlsEngineFactory.CERT_PATH, clientPem.toString()), "kafka-0.billing"))
                .isInstanceOf(TlsFileException.class)
                .hasMessageStartingWith("ingest-storage.kafka.tls-key-path is empty");
    }

    @Test
    void aMissingCaFileNamesTheSetting() {
        Path missing = dir.resolve("rotated-away.pem");

        assertThatThrownBy(() -> engine(Map.of(PemTlsEngineFactory.CA_PATH, missing.toString()), "kafka-0.billing"))
                .isInstanceOf(TlsFileException.class)
                .hasMessageStartingWith("ingest-storage.kafka.tls-ca-path " + missing + " cannot be read");
    }

    @Test
    void aKeyFileGivenAsCaIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> engine(Map.of(PemTlsEngineFactory.CA_PATH, clientKey.toString()), "kafka-0.billing"))
                .isInstanceOf(TlsFileException.class)
                .hasMessage("ingest-storage.kafka.tls-ca-path " + clientKey + " holds no PEM certificate (no '-----BEGIN"
                        + " CERTIFICATE-----' block): point it at a PEM file");
    }
}
