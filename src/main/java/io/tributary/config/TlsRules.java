package io.tributary.config;

import javax.net.ssl.SSLContext;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.tributary.config.Violations.KAFKA;
import static io.tributary.config.Violations.isSet;

/** Checks TLS to the brokers: no TLS option without TLS, complete mTLS pairs, readable PEM files, JVM-known names. */
final class TlsRules {

    static final String ENABLED = KAFKA + "tls-enabled";
    static final String CA_PATH = KAFKA + "tls-ca-path";
    static final String CERT_PATH = KAFKA + "tls-cert-path";
    static final String KEY_PATH = KAFKA + "tls-key-path";
    static final String SERVER_NAME = KAFKA + "tls-server-name";
    static final String INSECURE_SKIP_VERIFY = KAFKA + "tls-insecure-skip-verify";
    static final String CIPHER_SUITES = KAFKA + "tls-cipher-suites";
    static final String MIN_VERSION = KAFKA + "tls-min-version";

    /**
     * Mimir's Go spellings and the JVM's. TLS 1.0 and 1.1 are left out although dskit accepts them: the JVM
     * disables both by default (jdk.tls.disabledAlgorithms), so the handshake would fail anyway.
     */
    private static final Set<String> MIN_VERSIONS = Set.of("VersionTLS12", "VersionTLS13", "TLSv1.2", "TLSv1.3");

    private TlsRules() {
    }

    static void check(KafkaSettings kafka, Violations out) {
        if (!kafka.isTlsEnabled()) {
            for (String[] setting : setOptions(kafka)) {
                out.add(setting[0], setting[1], setting[0] + " is set but " + ENABLED
                        + " is false: set tls-enabled=true, or remove it");
            }
        }
        boolean cert = isSet(kafka.getTlsCertPath());
        boolean key = isSet(kafka.getTlsKeyPath());
        if (cert && !key) {
            out.add(CERT_PATH, kafka.getTlsCertPath(), CERT_PATH + " is set but " + KEY_PATH
                    + " is empty: set both for mTLS, or neither");
        } else if (key && !cert) {
            out.add(KEY_PATH, kafka.getTlsKeyPath(), KEY_PATH + " is set but " + CERT_PATH
                    + " is empty: set both for mTLS, or neither");
        }
        // Mimir accepts this pair, but with verification off the CA is never consulted: an operator who set a
        // CA believes the brokers are verified while any certificate is accepted. Failing makes that explicit.
        if (kafka.isTlsInsecureSkipVerify() && isSet(kafka.getTlsCaPath())) {
            out.add(INSECURE_SKIP_VERIFY, true, INSECURE_SKIP_VERIFY + " is true but " + CA_PATH
                    + " is set, and a skipped verification never uses the CA: remove tls-insecure-skip-verify to"
                    + " verify the brokers against the CA, or remove tls-ca-path");
        }
        out.readableFile(CA_PATH, kafka.getTlsCaPath());
        out.readableFile(CERT_PATH, kafka.getTlsCertPath());
        out.readableFile(KEY_PATH, kafka.getTlsKeyPath());
        String minVersion = kafka.getTlsMinVersion();
        if (isSet(minVersion) && !MIN_VERSIONS.contains(minVersion.trim())) {
            out.add(MIN_VERSION, minVersion, MIN_VERSION + " is " + minVersion + ": allowed values are"
                    + " VersionTLS12 and VersionTLS13 (or TLSv1.2 and TLSv1.3), or empty for TLS 1.2");
        }
        cipherSuites(kafka.getTlsCipherSuites(), out);
    }

    /** Unknown names are checked now because the JVM would otherwise reject them only at the first handshake. */
    private static void cipherSuites(String suites, Violations out) {
        if (!isSet(suites)) {
            return;
        }
        Set<String> supported;
        try {
            supported = Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (NoSuchAlgorithmException e) {
            return; // No default TLS provider: the Kafka client reports that far better than we could.
        }
        for (String entry : suites.split(",")) {
            String suite = entry.trim();
            if (!suite.isEmpty() && !supported.contains(suite)) {
                out.add(CIPHER_SUITES, suite, CIPHER_SUITES + " has " + suite + ", which this JVM does not"
                        + " support: use IANA names such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, comma-separated");
            }
        }
    }

    private static List<String[]> setOptions(KafkaSettings kafka) {
        List<String[]> set = new ArrayList<>();
        addIfSet(set, CA_PATH, kafka.getTlsCaPath());
        addIfSet(set, CERT_PATH, kafka.getTlsCertPath());
        addIfSet(set, KEY_PATH, kafka.getTlsKeyPath());
        addIfSet(set, SERVER_NAME, kafka.getTlsServerName());
        if (kafka.isTlsInsecureSkipVerify()) {
            set.add(new String[] {INSECURE_SKIP_VERIFY, "true"});
        }
        addIfSet(set, CIPHER_SUITES, kafka.getTlsCipherSuites());
        addIfSet(set, MIN_VERSION, kafka.getTlsMinVersion());
        return set;
    }

    private static void addIfSet(List<String[]> set, String key, String value) {
        if (isSet(value)) {
            set.add(new String[] {key, value});
        }
    }
}
