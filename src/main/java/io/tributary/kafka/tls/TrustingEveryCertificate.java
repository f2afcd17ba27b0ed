package io.tributary.kafka.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.X509Certificate;

/**
 * tls-insecure-skip-verify, as Go's InsecureSkipVerify: any certificate chain for any name is accepted. Being an
 * {@link X509ExtendedTrustManager}, JSSE uses it as is and adds no hostname check of its own.
 */
final class TrustingEveryCertificate extends ClientOnlyTrustManager {

    private static final X509Certificate[] NONE = new X509Certificate[0];

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NONE;
    }
}
