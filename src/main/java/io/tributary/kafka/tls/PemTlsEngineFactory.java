package io.tributary.kafka.tls;

import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SslEngineFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Kafka's {@code ssl.engine.factory.class} for every Tributary client (producer, partition readers, admin), built
 * so that Mimir's TLS settings mean what they mean in Mimir (Go's crypto/tls), which Kafka's own factory cannot:
 * <ul>
 * <li>the CA bundle (tls-ca-path, else the JVM's roots), client certificate and key are read from PEM files
 * when the client is built, so a rebuilt client picks up rotated files;</li>
 * <li>tls-server-name is sent as SNI and is the name the broker certificate must carry, whatever address is dialled;</li>
 * <li>tls-insecure-skip-verify accepts any certificate for any name (chain and hostname unchecked);</li>
 * <li>a rejected broker certificate fails the handshake with {@link BrokerCertificateRejected}, naming the setting.</li>
 * </ul>
 * It reads the {@code tributary.tls.*} keys {@code ClientSecurity} puts next to it, plus Kafka's
 * {@code ssl.enabled.protocols} and {@code ssl.cipher.suites}; Kafka's {@code ssl.endpoint.identification.algorithm}
 * and key/trust store keys are not consulted.
 */
public final class PemTlsEngineFactory implements SslEngineFactory {

    /** Client property: path of the PEM CA bundle; absent = the JVM's trusted roots. */
    public static final String CA_PATH = "tributary.tls.ca-path";
    /** Client property: path of the PEM client certificate (chain) for mTLS. */
    public static final String CERT_PATH = "tributary.tls.cert-path";
    /** Client property: path of the PEM (PKCS#8) key of the client certificate. */
    public static final String KEY_PATH = "tributary.tls.key-path";
    /** Client property: name sent as SNI and expected on the broker certificate; absent = the host dialled. */
    public static final String SERVER_NAME = "tributary.tls.server-name";
    /** Client property: "true" accepts any broker certificate. */
    public static final String INSECURE_SKIP_VERIFY = "tributary.tls.insecure-skip-verify";

    static final String CA_PATH_SETTING = "ingest-storage.kafka.tls-ca-path";
    static final String CERT_PATH_SETTING = "ingest-storage.kafka.tls-cert-path";
    static final String KEY_PATH_SETTING = "ingest-storage.kafka.tls-key-path";
    static final String SERVER_NAME_SETTING = "ingest-storage.kafka.tls-server-name";

    private static final Logger log = LoggerFactory.getLogger(PemTlsEngineFactory.class);
    /** SNI carries host names only (RFC 6066); an IP address as server name is checked, not sent. */
    private static final Pattern IP_LITERAL = Pattern.compile("^[0-9.]+$|:");

    private Map<String, ?> configs;
    private SSLContext context;
    private KeyStore keystore;
    private KeyStore truststore;
    private String serverName = "";
    private boolean insecure;
    private String[] protocols;
    private String[] cipherSuites;

    /** Kafka instantiates the factory reflectively and then calls {@link #configure}. */
    public PemTlsEngineFactory() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
        this.configs = Map.copyOf(nonNull(configs));
        this.serverName = text(configs.get(SERVER_NAME));
        this.insecure = Boolean.parseBoolean(text(configs.get(INSECURE_SKIP_VERIFY)));
        this.protocols = list(configs.get(SslConfigs.SSL_ENABLED_PROTOCOLS_CONFIG));
        this.cipherSuites = list(configs.get(SslConfigs.SSL_CIPHER_SUITES_CONFIG));
        try {
            TrustManager trust = insecure ? new TrustingEveryCertificate() : verifyingTrustManager(text(configs.get(CA_PATH)));
            KeyManager[] keys = keyManagers(text(configs.get(CERT_PATH)), text(configs.get(KEY_PATH)));
            context = SSLContext.getInstance("TLS");
            context.init(keys, new TrustManager[] {trust}, new SecureRandom());
        } catch (GeneralSecurityException e) {
            // The JVM lacks something standard (PKIX, PKCS12, TLS): no single setting is at fault.
            throw new TlsFileException("ingest-storage.kafka.tls-enabled", "Cannot set up TLS to Kafka with this JVM: "
                    + e.getMessage(), e);
        }
        if (insecure) {
            log.debug("Kafka client TLS: broker certificates are not verified (ingest-storage.kafka.tls-insecure-skip-verify=true)");
        }
    }

    private X509ExtendedTrustManager verifyingTrustManager(String caPath) throws GeneralSecurityException {
        String trustedCas;
        if (caPath.isEmpty()) {
            truststore = null; // TrustManagerFactory then uses the JVM's roots (cacerts or javax.net.ssl.trustStore).
            trustedCas = "the JVM's trusted roots (" + CA_PATH_SETTING + " is empty)";
        } else {
            truststore = emptyKeyStore();
            List<X509Certificate> cas = PemFiles.certificates(CA_PATH_SETTING, caPath);
            for (int i = 0; i < cas.size(); i++) {
                truststore.setCertificateEntry("ca-" + i, cas.get(i));
            }
            trustedCas = CA_PATH_SETTING + " " + caPath;
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(truststore);
        X509ExtendedTrustManager pkix = Arrays.stream(factory.getTrustManagers())
                .filter(X509ExtendedTrustManager.class::isInstance).map(X509ExtendedTrustManager.class::cast)
                .findFirst().orElseThrow(() -> new GeneralSecurityException("the JVM has no PKIX X509 trust manager"));
        return new ExplainingTrustManager(pkix, trustedCas, serverName);
    }

    private KeyManager[] keyManagers(String certPath, String keyPath) throws GeneralSecurityException {
        if (certPath.isEmpty() && keyPath.isEmpty()) {
            keystore = null;
            return null;
        }
        if (certPath.isEmpty() || keyPath.isEmpty()) {
            String missing = certPath.isEmpty() ? CERT_PATH_SETTING : KEY_PATH_SETTING;
            throw new TlsFileException(missing, missing + " is empty but the other half of the client certificate is"
                    + " set: set " + CERT_PATH_SETTING + " and " + KEY_PATH_SETTING + " both for mTLS, or neither");
        }
        List<X509Certificate> chain = PemFiles.certificates(CERT_PATH_SETTING, certPath);
        PrivateKey key = PemFiles.privateKey(KEY_PATH_SETTING, keyPath, chain.get(0), CERT_PATH_SETTING);
        // The key store lives in memory only; its password protects nothing and is never shown.
        char[] password = new char[0];
        keystore = emptyKeyStore();
        keystore.setKeyEntry("client", key, password, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keystore, password);
        return factory.getKeyManagers();
    }

    private static KeyStore emptyKeyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("cannot create an in-memory key store", e);
        }
        return store;
    }

    /**
     * The engine for one broker connection. The expected name is tls-server-name when set, else the host the client
     * dialled (Kafka's endpoint-identification argument is ignored: tls-insecure-skip-verify decides).
     */
    @Override
    public SSLEngine createClientSslEngine(String peerHost, int peerPort, String endpointIdentification) {
        String expected = serverName.isEmpty() ? peerHost : serverName;
        // JSSE checks the name against the engine's peer host (and sends it as SNI), so the expected name goes there.
        SSLEngine engine = context.createSSLEngine(expected, peerPort);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        if (protocols != null) {
            parameters.setProtocols(protocols);
        }
        if (cipherSuites != null) {
            parameters.setCipherSuites(cipherSuites);
        }
        if (!insecure) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!serverName.isEmpty() && !IP_LITERAL.matcher(serverName).find()) {
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    @Override
    public SSLEngine createServerSslEngine(String peerHost, int peerPort) {
        throw new UnsupportedOperationException("PemTlsEngineFactory serves Kafka clients only, not broker listeners");
    }

    @Override
    public boolean shouldBeRebuilt(Map<String, Object> nextConfigs) {
        return !Objects.equals(configs, Map.copyOf(nonNull(nextConfigs)));
    }

    @Override
    public Set<String> reconfigurableConfigs() {
        return Set.of();
    }

    @Override
    public KeyStore keystore() {
        return keystore;
    }

    @Override
    public KeyStore truststore() {
        return truststore;
    }

    @Override
    public void close() {
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString().trim();
    }

    /** Kafka hands LIST keys over parsed (a List); a hand-built map may hold the comma-separated text. */
    private static String[] list(Object value) {
        Collection<?> items = value instanceof Collection<?> c ? c
                : value == null ? List.of() : Arrays.asList(value.toString().split(","));
        String[] names = items.stream().map(PemTlsEngineFactory::text).filter(s -> !s.isEmpty()).toArray(String[]::new);
        return names.length == 0 ? null : names;
    }

    private static Map<String, ?> nonNull(Map<String, ?> configs) {
        return configs.entrySet().stream().filter(e -> e.getKey() != null && e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
