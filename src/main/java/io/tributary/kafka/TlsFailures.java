package io.tributary.kafka;

import io.tributary.config.KafkaSettings;
import io.tributary.kafka.tls.BrokerCertificateRejected;
import io.tributary.kafka.tls.TlsFileException;
import org.apache.kafka.common.errors.SslAuthenticationException;

import javax.net.ssl.SSLException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a Kafka client failure caused by TLS into one sentence that names the {@code ingest-storage.kafka.tls-*}
 * setting to fix. Kafka itself says little more than "SSL handshake failed"; the cause chain holds the facts.
 * Messages are built from settings, paths, certificate names and JSSE's reasons, never from file contents.
 */
public final class TlsFailures {

    private static final String KAFKA = "ingest-storage.kafka.";

    private TlsFailures() {
    }

    /** The explanation, or empty when the failure has nothing to do with TLS. */
    public static Optional<String> explain(Throwable failure, KafkaSettings settings) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        boolean handshake = false;
        StringBuilder reasons = new StringBuilder();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof TlsFileException file) {
                return Optional.of(file.getMessage());
            }
            if (t instanceof BrokerCertificateRejected rejected) {
                return Optional.of("TLS handshake with the Kafka broker failed: " + rejected.getMessage());
            }
            handshake |= t instanceof SslAuthenticationException || t instanceof SSLException;
            if (t.getMessage() != null) {
                reasons.append(t.getMessage()).append('\n');
            }
        }
        if (!handshake) {
            return Optional.empty();
        }
        return Optional.of("TLS handshake with the Kafka broker failed: " + byReason(reasons.toString(), settings)
                + " (" + lastReason(reasons.toString()) + ")");
    }

    /** Alerts received from the broker name its complaint; JSSE's own texts name the client's. */
    private static String byReason(String reasons, KafkaSettings settings) {
        String text = reasons.toLowerCase(Locale.ROOT);
        boolean clientCertificate = !settings.getTlsCertPath().isBlank();
        if (text.contains("certificate_required") || (!clientCertificate && text.contains("bad_certificate"))) {
            return clientCertificate
                    ? "the broker did not accept the client certificate in " + KAFKA + "tls-cert-path "
                            + settings.getTlsCertPath() + ": it must be issued by a CA the broker trusts"
                    : "the broker requires a client certificate (mTLS) and none is configured: set " + KAFKA
                            + "tls-cert-path and " + KAFKA + "tls-key-path";
        }
        if (text.contains("bad_certificate") || text.contains("unknown_ca") || text.contains("certificate_unknown")
                || text.contains("certificate_expired") || text.contains("certificate_revoked")
                || text.contains("unsupported_certificate") || text.contains("access_denied")) {
            return "the broker rejected the client certificate in " + KAFKA + "tls-cert-path "
                    + settings.getTlsCertPath() + ": it must be issued by a CA in the broker's trust store, be valid"
                    + " now, and be meant for client authentication";
        }
        if (text.contains("pkix path") || text.contains("unable to find valid certification path")) {
            return "the broker certificate is not signed by a trusted CA: set " + KAFKA + "tls-ca-path to the PEM"
                    + " bundle of the CA that issued it";
        }
        if (text.contains("no subject alternative") || text.contains("no name matching")) {
            return "the broker certificate does not carry the expected name: set " + KAFKA + "tls-server-name to a"
                    + " name on the certificate, or dial the brokers by such a name";
        }
        if (text.contains("protocol_version") || text.contains("no appropriate protocol")) {
            return "the broker and this client share no TLS version: lower " + KAFKA + "tls-min-version (is '"
                    + settings.getTlsMinVersion() + "')";
        }
        if (text.contains("handshake_failure") || text.contains("no appropriate cipher suite")
                || text.contains("no cipher suites in common")) {
            return "the broker and this client share no cipher suite: widen or clear " + KAFKA
                    + "tls-cipher-suites (is '" + settings.getTlsCipherSuites() + "')";
        }
        if (text.contains("unrecognized ssl message") || text.contains("plaintext connection")) {
            return "the broker listener does not speak TLS: point " + KAFKA + "address at its TLS listener, or set "
                    + KAFKA + "tls-enabled=false for a plaintext one";
        }
        return "check the " + KAFKA + "tls-* settings against the broker's TLS listener";
    }

    /** The innermost reason: usually the JSSE alert or check that failed. */
    private static String lastReason(String reasons) {
        String[] lines = reasons.strip().split("\n");
        return lines[lines.length - 1];
    }
}
