package io.tributary.kafka.tls;

import java.security.cert.CertificateException;

/**
 * The broker's certificate failed verification, with a message that says which setting decides it (the CA
 * bundle or the expected server name). JSSE keeps it as the cause of the handshake failure, so it reaches
 * whoever reads Kafka's {@code SslAuthenticationException}.
 */
public class BrokerCertificateRejected extends CertificateException {

    private final String setting;

    BrokerCertificateRejected(String setting, String message, Throwable cause) {
        super(message, cause);
        this.setting = setting;
    }

    /** The full key of the setting to fix. */
    public String setting() {
        return setting;
    }
}
