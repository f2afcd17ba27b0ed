package io.tributary.kafka.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Verifies broker certificates with the JDK's PKIX trust manager, in two steps so a failure can say which
 * setting to fix: first the chain against the trusted CAs (tls-ca-path), then the name on the certificate
 * against the expected one (tls-server-name, or the host dialled). Client side only.
 */
final class ExplainingTrustManager extends ClientOnlyTrustManager {

    private final X509ExtendedTrustManager pkix;
    private final String trustedCas;
    private final String serverName;

    /**
     * @param trustedCas a phrase naming where the trusted CAs come from, for messages
     * @param serverName tls-server-name, or empty when the host dialled is the expected name
     */
    ExplainingTrustManager(X509ExtendedTrustManager pkix, String trustedCas, String serverName) {
        this.pkix = pkix;
        this.trustedCas = trustedCas;
        this.serverName = serverName;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkChain(chain, authType);
        try {
            pkix.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw nameMismatch(chain, engine.getPeerHost(), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkChain(chain, authType);
        try {
            pkix.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw nameMismatch(chain, String.valueOf(socket.getInetAddress()), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkChain(chain, authType);
    }

    /** Without an engine the JDK checks the chain only, so this call cannot fail on the name. */
    private void checkChain(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            pkix.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw new BrokerCertificateRejected(PemTlsEngineFactory.CA_PATH_SETTING, "the broker certificate "
                    + describe(chain) + " is not signed by a CA in " + trustedCas + ": set "
                    + PemTlsEngineFactory.CA_PATH_SETTING + " to the PEM bundle of the CA that issued the broker"
                    + " certificates (" + e.getMessage() + ")", e);
        }
    }

    private CertificateException nameMismatch(X509Certificate[] chain, String expected, CertificateException e) {
        String reason = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (!reason.contains("subject alternative") && !reason.contains("name matching")) {
            // The chain passed, yet the session-aware check refused it: algorithm constraints, not the name.
            return new BrokerCertificateRejected(PemTlsEngineFactory.CA_PATH_SETTING, "the broker certificate "
                    + describe(chain) + " was refused by this JVM's TLS policy (" + e.getMessage() + "): have the"
                    + " broker certificates reissued with current algorithms", e);
        }
        String key = PemTlsEngineFactory.SERVER_NAME_SETTING;
        String why = serverName.isEmpty()
                ? "the broker address '" + expected + "' is not a name on its certificate " + describe(chain)
                        + ": dial the brokers by a name on the certificate, or set " + key
                        + " to one of those names"
                : key + " is '" + serverName + "', which is not a name on the broker certificate "
                        + describe(chain) + ": set " + key + " to one of those names";
        return new BrokerCertificateRejected(key, why + " (" + e.getMessage() + ")", e);
    }

    /** Subject and subject alternative names: public facts of the certificate that say what would match. */
    static String describe(X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            return "(none sent)";
        }
        X509Certificate leaf = chain[0];
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = leaf.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> alternative : alternatives) {
                    Object type = alternative.get(0);
                    if (Integer.valueOf(2).equals(type)) {
                        names.add("DNS:" + alternative.get(1));
                    } else if (Integer.valueOf(7).equals(type)) {
                        names.add("IP:" + alternative.get(1));
                    }
                }
            }
        } catch (CertificateParsingException ignored) {
            // The subject alone still helps.
        }
        return "'" + leaf.getSubjectX500Principal().getName() + "'" + (names.isEmpty() ? "" : " " + names)
                + " issued by '" + leaf.getIssuerX500Principal().getName() + "'";
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }
}
