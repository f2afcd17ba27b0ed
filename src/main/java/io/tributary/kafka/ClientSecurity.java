package io.tributary.kafka;

import io.tributary.config.KafkaSettings;
import io.tributary.config.SaslMechanism;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.types.Password;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The security part of every client's properties: security.protocol, SASL (mechanism, JAAS, callback
 * handlers) and TLS (PEM trust store, PEM client certificate, protocols, ciphers).
 * <p>
 * Two Mimir TLS options have no equivalent in Kafka's Java client and are deliberately narrower here:
 * <ul>
 * <li>{@code tls-insecure-skip-verify} only turns hostname verification off. The certificate chain is
 * still checked against tls-ca-path (or the JVM roots). A trust-all mode needs a custom
 * {@code ssl.engine.factory.class}; TODO(TLS issue).</li>
 * <li>{@code tls-server-name} is not applied: Kafka sends SNI and verifies the name of the host it dials.
 * Same TODO: a custom {@code ssl.engine.factory.class} could set SNI and the expected name.</li>
 * </ul>
 */
final class ClientSecurity {

    static final String PLAIN_LOGIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";
    static final String SCRAM_LOGIN_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";
    static final String OAUTHBEARER_LOGIN_MODULE = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule";
    static final String MSK_IAM_LOGIN_MODULE = "software.amazon.msk.auth.iam.IAMLoginModule";
    static final String MSK_IAM_CALLBACK_HANDLER = "software.amazon.msk.auth.iam.IAMClientCallbackHandler";

    private ClientSecurity() {
    }

    static Map<String, Object> properties(KafkaSettings settings) {
        Map<String, Object> props = new HashMap<>();
        boolean sasl = saslEnabled(settings);
        boolean tls = settings.isTlsEnabled();
        String protocol = tls ? (sasl ? "SASL_SSL" : "SSL") : (sasl ? "SASL_PLAINTEXT" : "PLAINTEXT");
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol);
        if (sasl) {
            props.putAll(sasl(settings));
        }
        if (tls) {
            props.putAll(tls(settings));
        }
        return props;
    }

    /** Mimir: PLAIN with neither username nor password means no SASL at all (3.0 configurations). */
    static boolean saslEnabled(KafkaSettings settings) {
        return settings.getSaslMechanism() != SaslMechanism.PLAIN
                || !settings.getSaslUsername().isEmpty()
                || settings.getSaslPassword().isSet();
    }

    private static Map<String, Object> sasl(KafkaSettings settings) {
        Map<String, Object> props = new HashMap<>();
        SaslMechanism mechanism = settings.getSaslMechanism();
        props.put(SaslConfigs.SASL_MECHANISM, mechanism.kafkaName());
        switch (mechanism) {
            case PLAIN -> props.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(PLAIN_LOGIN_MODULE, userPassword(settings)));
            case SCRAM_SHA_256, SCRAM_SHA_512 ->
                    props.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(SCRAM_LOGIN_MODULE, userPassword(settings)));
            case OAUTHBEARER -> props.putAll(oauthbearer(settings));
            case AWS_MSK_IAM -> {
                requireNoMskIamSource(settings);
                props.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(MSK_IAM_LOGIN_MODULE, Map.of()));
                props.put(SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS, MSK_IAM_CALLBACK_HANDLER);
            }
        }
        return props;
    }

    private static Map<String, String> userPassword(KafkaSettings settings) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("username", settings.getSaslUsername());
        options.put("password", settings.getSaslPassword().reveal());
        return options;
    }

    /**
     * The static token goes in through the login module (it never changes). A file or socket source is asked
     * per connection instead, by a SASL client callback handler, so every (re)authentication reads it anew;
     * see {@link OAuthBearerSourceCallbackHandler} for why the login module's token cache is bypassed.
     */
    private static Map<String, Object> oauthbearer(KafkaSettings settings) {
        Map<String, Object> props = new HashMap<>();
        Map<String, String> options = new LinkedHashMap<>();
        if (!settings.getSaslOauthbearerFilePath().isBlank()) {
            options.put(OAuthBearerSourceCallbackHandler.FILE_PATH_OPTION, settings.getSaslOauthbearerFilePath());
        } else if (!settings.getSaslOauthbearerHttpSocketPath().isBlank()) {
            options.put(OAuthBearerSourceCallbackHandler.SOCKET_PATH_OPTION, settings.getSaslOauthbearerHttpSocketPath());
            options.put(OAuthBearerSourceCallbackHandler.SOCKET_TIMEOUT_MS_OPTION,
                    String.valueOf(settings.getSaslOauthbearerHttpSocketTimeout().toMillis()));
        } else {
            props.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(OAUTHBEARER_LOGIN_MODULE, staticTokenOptions(settings)));
            props.put(SaslConfigs.SASL_LOGIN_CALLBACK_HANDLER_CLASS, OAuthBearerStaticTokenCallbackHandler.class);
            return props;
        }
        props.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(OAUTHBEARER_LOGIN_MODULE, options));
        props.put(SaslConfigs.SASL_LOGIN_CALLBACK_HANDLER_CLASS, OAuthBearerPlaceholderLoginCallbackHandler.class);
        props.put(SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS, OAuthBearerSourceCallbackHandler.class);
        return props;
    }

    private static Map<String, String> staticTokenOptions(KafkaSettings settings) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(OAuthBearerStaticTokenCallbackHandler.TOKEN_OPTION, settings.getSaslOauthbearerToken().reveal());
        if (!settings.getSaslOauthbearerZid().isBlank()) {
            options.put(OAuthBearerStaticTokenCallbackHandler.ZID_OPTION, settings.getSaslOauthbearerZid());
        }
        if (settings.getSaslOauthbearerExtensions().isSet()) {
            options.put(OAuthBearerStaticTokenCallbackHandler.EXTENSIONS_OPTION, settings.getSaslOauthbearerExtensions().reveal());
        }
        return options;
    }

    /**
     * aws-msk-iam-auth has no option for static keys, a file or a socket; with none of our sources it falls
     * back to the AWS default credential chain (which Mimir deliberately does not read, so the settings
     * validator should reject a source-less AWS_MSK_IAM). Rather than ignoring a configured source and
     * silently authenticating as whoever the default chain finds, refuse until the credential-sources
     * issue supplies a handler that feeds them in. TODO(MSK IAM credential sources).
     */
    private static void requireNoMskIamSource(KafkaSettings settings) {
        if (!settings.getSaslMskIamAccessKey().isBlank() || settings.getSaslMskIamSecretKey().isSet()
                || !settings.getSaslMskIamFilePath().isBlank() || !settings.getSaslMskIamHttpSocketPath().isBlank()) {
            throw new UnsupportedOperationException("ingest-storage.kafka.sasl-mechanism=AWS_MSK_IAM: the "
                    + "sasl-msk-iam-access-key/-file-path/-http-socket-path credential sources are not wired into "
                    + "the Kafka client yet");
        }
    }

    /**
     * A JAAS line. Values are quoted with backslash escapes because Kafka parses the line with
     * {@link java.io.StreamTokenizer}, so a password holding a quote or backslash survives intact.
     */
    static Password jaas(String loginModule, Map<String, String> options) {
        StringBuilder line = new StringBuilder(loginModule).append(" required");
        options.forEach((key, value) -> line.append(' ').append(key).append("=\"").append(escape(value)).append('"'));
        return new Password(line.append(';').toString());
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static Map<String, Object> tls(KafkaSettings settings) {
        Map<String, Object> props = new HashMap<>();
        if (!settings.getTlsCaPath().isBlank()) {
            // Kafka reads PEM trust stores itself, so the CA file is re-read if the client is rebuilt.
            props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
            props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, settings.getTlsCaPath());
        }
        if (!settings.getTlsCertPath().isBlank() || !settings.getTlsKeyPath().isBlank()) {
            // Kafka's PEM key store wants key and chain in one file or as strings; Mimir has two files.
            props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
            props.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG,
                    new Password(readPem("ingest-storage.kafka.tls-cert-path", settings.getTlsCertPath())));
            props.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, new Password(pkcs8Key(settings.getTlsKeyPath())));
        }
        if (settings.isTlsInsecureSkipVerify()) {
            // Hostname verification only; see the class comment for why the chain is still verified.
            props.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "");
        }
        if (!settings.getTlsCipherSuites().isBlank()) {
            props.put(SslConfigs.SSL_CIPHER_SUITES_CONFIG, Arrays.stream(settings.getTlsCipherSuites().split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.joining(",")));
        }
        if (!settings.getTlsMinVersion().isBlank()) {
            props.put(SslConfigs.SSL_ENABLED_PROTOCOLS_CONFIG, enabledProtocols(settings.getTlsMinVersion()));
        }
        return props;
    }

    /** Go's tls.VersionTLSxx spelling (what Mimir configs hold) and Java's TLSvX.Y both work. */
    static String enabledProtocols(String minVersion) {
        return switch (minVersion.trim().toUpperCase(Locale.ROOT)) {
            case "VERSIONTLS10", "TLSV1", "TLSV1.0", "TLS1.0" -> "TLSv1.3,TLSv1.2,TLSv1.1,TLSv1";
            case "VERSIONTLS11", "TLSV1.1", "TLS1.1" -> "TLSv1.3,TLSv1.2,TLSv1.1";
            case "VERSIONTLS12", "TLSV1.2", "TLS1.2" -> "TLSv1.3,TLSv1.2";
            case "VERSIONTLS13", "TLSV1.3", "TLS1.3" -> "TLSv1.3";
            default -> throw new IllegalArgumentException("ingest-storage.kafka.tls-min-version is '" + minVersion
                    + "': allowed are VersionTLS12, VersionTLS13 (or TLSv1.2, TLSv1.3)");
        };
    }

    /**
     * Kafka's PEM key store only parses PKCS#8 ("BEGIN PRIVATE KEY"); say how to convert the traditional
     * RSA/EC forms instead of letting the handshake fail with a parser error. Encrypted keys would need
     * ssl.key.password, which has no Mimir flag.
     */
    private static String pkcs8Key(String path) {
        String pem = readPem("ingest-storage.kafka.tls-key-path", path);
        if (pem.contains("-----BEGIN RSA PRIVATE KEY-----") || pem.contains("-----BEGIN EC PRIVATE KEY-----")
                || pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
            throw new IllegalArgumentException("ingest-storage.kafka.tls-key-path " + path
                    + " is not an unencrypted PKCS#8 key, which Kafka's Java client requires: convert it with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in " + path + " -out key-pkcs8.pem'");
        }
        return pem;
    }

    private static String readPem(String key, String path) {
        if (path.isBlank()) {
            throw new IllegalArgumentException(key + " is empty: set tls-cert-path and tls-key-path both for mTLS, or neither");
        }
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new IllegalArgumentException(key + " " + path + " cannot be read: " + e.getMessage(), e);
        }
    }
}
