package io.tributary.kafka;

import io.tributary.config.KafkaSettings;
import io.tributary.config.SaslMechanism;
import io.tributary.kafka.tls.PemTlsEngineFactory;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The security part of every client's properties: security.protocol, SASL (mechanism, JAAS, callback
 * handlers) and TLS.
 * <p>
 * TLS goes through {@link PemTlsEngineFactory} ({@code ssl.engine.factory.class}) rather than Kafka's own
 * key and trust store keys, because two Mimir options have no equivalent there:
 * <ul>
 * <li>{@code tls-server-name} is sent as SNI and is the name the broker certificate must carry, whatever
 * address is dialled (Kafka would verify the dialled host);</li>
 * <li>{@code tls-insecure-skip-verify} skips verification entirely, chain and name, like Go's
 * InsecureSkipVerify (Kafka could only turn the name check off). A WARN at startup says so.</li>
 * </ul>
 * The factory also reads the two PEM files of the client certificate and key as Mimir has them (Kafka's PEM
 * key store wants both in one), so no key material ever sits in these property maps: they hold paths only.
 */
final class ClientSecurity {

    private static final Logger log = LoggerFactory.getLogger(ClientSecurity.class);

    static final String PLAIN_LOGIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";
    static final String SCRAM_LOGIN_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";
    static final String OAUTHBEARER_LOGIN_MODULE = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule";
    static final String MSK_IAM_LOGIN_MODULE = "software.amazon.msk.auth.iam.IAMLoginModule";

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
                props.putAll(mskIam(settings));
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
     * With a credential source (static keys, file or socket) our handler answers aws-msk-iam-auth's credentials
     * callback at every (re)authentication and the user agent is put into the signed message
     * ({@link MskIamUserAgent}). With none, the handler asks the AWS default credential chain (environment,
     * profile, web identity, container and instance roles): beyond Mimir, which reads none of them.
     */
    private static Map<String, Object> mskIam(KafkaSettings settings) {
        Map<String, Object> props = new HashMap<>();
        Map<String, String> options = new LinkedHashMap<>();
        if (!settings.getSaslMskIamFilePath().isBlank()) {
            options.put(MskIamCallbackHandler.FILE_PATH_OPTION, settings.getSaslMskIamFilePath());
        } else if (!settings.getSaslMskIamHttpSocketPath().isBlank()) {
            options.put(MskIamCallbackHandler.SOCKET_PATH_OPTION, settings.getSaslMskIamHttpSocketPath());
            options.put(MskIamCallbackHandler.SOCKET_TIMEOUT_MS_OPTION,
                    String.valueOf(settings.getSaslMskIamHttpSocketTimeout().toMillis()));
        } else if (!settings.getSaslMskIamAccessKey().isBlank()) {
            options.put(MskIamCallbackHandler.ACCESS_KEY_OPTION, settings.getSaslMskIamAccessKey());
            options.put(MskIamCallbackHandler.SECRET_KEY_OPTION, settings.getSaslMskIamSecretKey().reveal());
            if (settings.getSaslMskIamSessionToken().isSet()) {
                options.put(MskIamCallbackHandler.SESSION_TOKEN_OPTION, settings.getSaslMskIamSessionToken().reveal());
            }
            options.put(MskIamCallbackHandler.USER_AGENT_OPTION, settings.getSaslMskIamUserAgent());
        }
        // A file or socket names its own user agent; the setting applies to static keys and the default chain.
        options.putIfAbsent(MskIamCallbackHandler.USER_AGENT_OPTION, settings.getSaslMskIamUserAgent());
        MskIamUserAgent.install();
        props.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(MSK_IAM_LOGIN_MODULE, options));
        props.put(SaslConfigs.SASL_CLIENT_CALLBACK_HANDLER_CLASS, MskIamCallbackHandler.class);
        return props;
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
        props.put(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG, PemTlsEngineFactory.class);
        // Paths only: the factory reads the files whenever a client is built, so rotated files are picked up.
        putIfSet(props, PemTlsEngineFactory.CA_PATH, settings.getTlsCaPath());
        putIfSet(props, PemTlsEngineFactory.CERT_PATH, settings.getTlsCertPath());
        putIfSet(props, PemTlsEngineFactory.KEY_PATH, settings.getTlsKeyPath());
        putIfSet(props, PemTlsEngineFactory.SERVER_NAME, settings.getTlsServerName());
        if (settings.isTlsInsecureSkipVerify()) {
            props.put(PemTlsEngineFactory.INSECURE_SKIP_VERIFY, "true");
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

    private static void putIfSet(Map<String, Object> props, String key, String value) {
        if (!value.isBlank()) {
            props.put(key, value.trim());
        }
    }

    /**
     * Logged once per application start (not per Kafka client, of which there are many): an operator who
     * left tls-insecure-skip-verify on from a test should see it in every log.
     */
    static void warnIfVerificationSkipped(KafkaSettings settings) {
        if (settings.isTlsEnabled() && settings.isTlsInsecureSkipVerify()) {
            log.warn("ingest-storage.kafka.tls-insecure-skip-verify is true: the Kafka brokers' TLS certificates are"
                    + " NOT verified (neither the chain nor the name), so anyone on the network path can impersonate"
                    + " them and read or alter the ingested data. Use it for testing only; set tls-ca-path instead.");
        }
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
}
