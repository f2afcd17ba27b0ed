package io.tributary.kafka;

import io.tributary.support.InProcessTributary;
import io.tributary.support.RemoteReadClient;
import io.tributary.support.RemoteWriteClient;
import io.tributary.support.Series;
import io.tributary.support.TestPki;
import io.tributary.support.TlsKafkaBroker;
import io.tributary.support.TlsKafkaBroker.Listener;
import io.tributary.testproto.rw1.Label;
import io.tributary.testproto.rw1.Sample;
import io.tributary.testproto.rw1.TimeSeries;
import io.tributary.testproto.rw1.WriteRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A remote-write push goes through Kafka over each kind of TLS listener and comes back out of a partition reader
 * (a strongly consistent read waits until the reader has consumed it): TLS with a private CA, mTLS, SASL_SSL with
 * PLAIN, a broker certificate that only carries tls-server-name, and tls-insecure-skip-verify against a
 * certificate nobody trusts. Every Kafka client (producer, readers, admin) uses the same TLS settings.
 */
class KafkaTlsIT {

    private static Path dir;
    private static TlsKafkaBroker broker;
    private static String caPem;

    @BeforeAll
    static void startBroker() throws Exception {
        Files.createDirectories(Path.of("target/it-data"));
        dir = Files.createTempDirectory(Path.of("target/it-data"), "KafkaTlsIT-");
        broker = new TlsKafkaBroker(dir.resolve("kafka"), dir.resolve("pki"));
        broker.start();
        caPem = broker.pki().caPem(broker.ca(), "ca.pem").toString();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.stop();
        }
    }

    private static Map<String, String> settings(Listener listener, String topic, String... tls) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("ingest-storage.kafka.address", broker.address(listener));
        settings.put("ingest-storage.kafka.topic", topic);
        settings.put("ingest-storage.kafka.auto-create-topic-default-partitions", "1");
        settings.put("ingest-storage.kafka.tls-enabled", "true");
        for (int i = 0; i < tls.length; i += 2) {
            settings.put("ingest-storage.kafka." + tls[i], tls[i + 1]);
        }
        return settings;
    }

    /** Pushes three samples of one series for {@code tenant} and reads exactly them back with a strong read. */
    private static void pushAndReadBack(InProcessTributary tributary, String tenant) {
        long now = System.currentTimeMillis();
        Map<String, String> labels = Series.labels("__name__", "checkout_requests_total", "instance", "web-1");
        TimeSeries.Builder series = TimeSeries.newBuilder();
        labels.forEach((name, value) -> series.addLabels(Label.newBuilder().setName(name).setValue(value)));
        for (int i = 0; i < 3; i++) {
            series.addSamples(Sample.newBuilder().setTimestamp(now + i * 15_000L).setValue(100 + i));
        }
        HttpResponse<String> pushed = new RemoteWriteClient(tributary.port())
                .push(tenant, RemoteWriteClient.V1_TYPE, WriteRequest.newBuilder().addTimeseries(series).build().toByteArray());
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(204);

        RemoteReadClient.Result read = new RemoteReadClient(tributary.port())
                .read(tenant, "strong", now - 1, now + 60_000, "checkout_requests_total");

        assertThat(read.status()).as(read.error()).isEqualTo(200);
        assertThat(read.series()).containsOnlyKeys(RemoteReadClient.render(labels));
        assertThat(read.series().get(RemoteReadClient.render(labels))).extracting(sample -> sample[1])
                .containsExactly(100.0, 101.0, 102.0);
    }

    @Test
    void tlsWithAPrivateCa() {
        try (InProcessTributary tributary = InProcessTributary.start("KafkaTlsIT-tls",
                settings(Listener.TLS, "tls-private-ca", "tls-ca-path", caPem))) {
            pushAndReadBack(tributary, "team-checkout");
        }
    }

    @Test
    void mutualTlsWithAClientCertificate() {
        TestPki.Issued client = broker.pki().client(broker.ca(), "tributary-ingest");
        String cert = broker.pki().certificatePem(client, "tributary-ingest.pem").toString();
        String key = broker.pki().keyPem(client, "tributary-ingest-key.pem").toString();
        try (InProcessTributary tributary = InProcessTributary.start("KafkaTlsIT-mtls",
                settings(Listener.MTLS, "tls-mutual", "tls-ca-path", caPem, "tls-cert-path", cert, "tls-key-path", key))) {
            pushAndReadBack(tributary, "team-checkout");
        }
    }

    @Test
    void saslPlainOverTls() {
        try (InProcessTributary tributary = InProcessTributary.start("KafkaTlsIT-sasl",
                settings(Listener.SASL_TLS, "tls-sasl-plain", "tls-ca-path", caPem,
                        "sasl-mechanism", "PLAIN", "sasl-username", TlsKafkaBroker.PLAIN_USER,
                        "sasl-password", TlsKafkaBroker.PLAIN_PASSWORD))) {
            pushAndReadBack(tributary, "team-checkout");
        }
    }

    @Test
    void aBrokerDialledByIpIsVerifiedAgainstTheServerName() {
        // The listener's certificate names kafka.test only; the client dials 127.0.0.1.
        try (InProcessTributary tributary = InProcessTributary.start("KafkaTlsIT-server-name",
                settings(Listener.NAMED, "tls-server-name", "tls-ca-path", caPem,
                        "tls-server-name", TlsKafkaBroker.NAMED_HOST))) {
            pushAndReadBack(tributary, "team-checkout");
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void skippingVerificationAcceptsAnUntrustedCertificateAndSaysSoAtStartup(CapturedOutput output) {
        try (InProcessTributary tributary = InProcessTributary.start("KafkaTlsIT-insecure",
                settings(Listener.UNTRUSTED, "tls-insecure", "tls-insecure-skip-verify", "true"))) {
            pushAndReadBack(tributary, "team-checkout");
        }
        // Once per start, not once per Kafka client (producer, admin clients, a consumer per partition).
        assertThat(output.getOut()).containsOnlyOnce("ingest-storage.kafka.tls-insecure-skip-verify is true: the"
                + " Kafka brokers' TLS certificates are NOT verified");
    }
}
