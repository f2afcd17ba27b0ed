package io.tributary.kafka.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/** A trust manager for the client side of a connection: Kafka clients never check a peer's client certificate. */
abstract class ClientOnlyTrustManager extends X509ExtendedTrustManager {

    private static final String CLIENTS_ONLY = "Tributary's Kafka TLS engine is for clients only";

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException(CLIENTS_ONLY);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException(CLIENTS_ONLY);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException(CLIENTS_ONLY);
    }
}
