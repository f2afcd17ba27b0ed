package io.tributary.config;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.tributary.config.Violations.KAFKA;
import static io.tributary.config.Violations.isSet;

/**
 * Checks SASL: the credentials of the chosen mechanism are complete and come from exactly one source, and no
 * credential of another mechanism is set (it would be silently ignored, which hides typos in the mechanism).
 */
final class AuthRules {

    static final String MECHANISM = KAFKA + "sasl-mechanism";
    static final String USERNAME = KAFKA + "sasl-username";
    static final String PASSWORD = KAFKA + "sasl-password";
    static final String OAUTH_TOKEN = KAFKA + "sasl-oauthbearer-token";
    static final String OAUTH_ZID = KAFKA + "sasl-oauthbearer-zid";
    static final String OAUTH_EXTENSIONS = KAFKA + "sasl-oauthbearer-extensions";
    static final String OAUTH_FILE = KAFKA + "sasl-oauthbearer-file-path";
    static final String OAUTH_SOCKET = KAFKA + "sasl-oauthbearer-http-socket-path";
    static final String OAUTH_SOCKET_TIMEOUT = KAFKA + "sasl-oauthbearer-http-socket-timeout";
    static final String MSK_ACCESS_KEY = KAFKA + "sasl-msk-iam-access-key";
    static final String MSK_SECRET_KEY = KAFKA + "sasl-msk-iam-secret-key";
    static final String MSK_SESSION_TOKEN = KAFKA + "sasl-msk-iam-session-token";
    static final String MSK_USER_AGENT = KAFKA + "sasl-msk-iam-user-agent";
    static final String MSK_FILE = KAFKA + "sasl-msk-iam-file-path";
    static final String MSK_SOCKET = KAFKA + "sasl-msk-iam-http-socket-path";
    static final String MSK_SOCKET_TIMEOUT = KAFKA + "sasl-msk-iam-http-socket-timeout";

    private static final String USER_PASSWORD_MECHANISMS = "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512";

    /** Kafka's OAuthBearerClientInitialResponse rules (RFC 7628): letters-only keys, printable ASCII values. */
    private static final Pattern EXTENSION_KEY = Pattern.compile("[A-Za-z]+");
    private static final Pattern EXTENSION_VALUE = Pattern.compile("[\\x21-\\x7E \t\r\n]+");

    private AuthRules() {
    }

    static void check(KafkaSettings kafka, Violations out) {
        SaslMechanism mechanism = kafka.getSaslMechanism();
        if (mechanism == null) {
            out.add(MECHANISM, null, MECHANISM + " is empty: allowed values are PLAIN, SCRAM-SHA-256,"
                    + " SCRAM-SHA-512, OAUTHBEARER and AWS_MSK_IAM");
            return;
        }
        switch (mechanism) {
            case PLAIN, SCRAM_SHA_256, SCRAM_SHA_512 -> {
                usernameAndPassword(kafka, mechanism, out);
                ignored(oauthbearerSettings(kafka), mechanism, "OAUTHBEARER", out);
                ignored(mskIamSettings(kafka), mechanism, "AWS_MSK_IAM", out);
            }
            case OAUTHBEARER -> {
                ignored(usernameAndPasswordSettings(kafka), mechanism, USER_PASSWORD_MECHANISMS, out);
                ignored(mskIamSettings(kafka), mechanism, "AWS_MSK_IAM", out);
                oauthbearer(kafka, out);
            }
            case AWS_MSK_IAM -> {
                ignored(usernameAndPasswordSettings(kafka), mechanism, USER_PASSWORD_MECHANISMS, out);
                ignored(oauthbearerSettings(kafka), mechanism, "OAUTHBEARER", out);
                mskIam(kafka, out);
            }
        }
    }

    private static void usernameAndPassword(KafkaSettings kafka, SaslMechanism mechanism, Violations out) {
        boolean username = isSet(kafka.getSaslUsername());
        boolean password = isSet(kafka.getSaslPassword());
        if (mechanism == SaslMechanism.PLAIN) {
            // PLAIN with neither set means "SASL off", which keeps Mimir 3.0 configurations working.
            if (username && !password) {
                out.add(USERNAME, kafka.getSaslUsername(), USERNAME + " is set but " + PASSWORD
                        + " is empty: set both to authenticate with PLAIN, or neither to turn SASL off");
            } else if (password && !username) {
                out.add(PASSWORD, kafka.getSaslPassword(), PASSWORD + " is set but " + USERNAME
                        + " is empty: set both to authenticate with PLAIN, or neither to turn SASL off");
            }
            return;
        }
        String needsBoth = " but " + MECHANISM + " is " + mechanism.kafkaName() + ": SCRAM needs both "
                + USERNAME + " and " + PASSWORD;
        if (!username) {
            out.add(USERNAME, kafka.getSaslUsername(), USERNAME + " is empty" + needsBoth);
        }
        if (!password) {
            out.add(PASSWORD, kafka.getSaslPassword(), PASSWORD + " is empty" + needsBoth);
        }
    }

    private static void oauthbearer(KafkaSettings kafka, Violations out) {
        boolean token = isSet(kafka.getSaslOauthbearerToken());
        List<Source> sources = new ArrayList<>();
        if (token) {
            sources.add(new Source(OAUTH_TOKEN, kafka.getSaslOauthbearerToken()));
        }
        if (isSet(kafka.getSaslOauthbearerFilePath())) {
            sources.add(new Source(OAUTH_FILE, kafka.getSaslOauthbearerFilePath()));
        }
        if (isSet(kafka.getSaslOauthbearerHttpSocketPath())) {
            sources.add(new Source(OAUTH_SOCKET, kafka.getSaslOauthbearerHttpSocketPath()));
        }
        exactlyOneSource(SaslMechanism.OAUTHBEARER, sources,
                OAUTH_TOKEN + ", " + OAUTH_FILE + " or " + OAUTH_SOCKET, out);

        if (isSet(kafka.getSaslOauthbearerZid()) && !token) {
            out.add(OAUTH_ZID, kafka.getSaslOauthbearerZid(), OAUTH_ZID + " is set but " + OAUTH_TOKEN
                    + " is empty: the zid goes only with the static token; put \"zid\" in the JSON that the"
                    + " credentials file or socket returns instead");
        }
        if (isSet(kafka.getSaslOauthbearerExtensions())) {
            if (!token) {
                out.add(OAUTH_EXTENSIONS, kafka.getSaslOauthbearerExtensions(), OAUTH_EXTENSIONS + " is set but "
                        + OAUTH_TOKEN + " is empty: extensions go only with the static token; put \"extensions\""
                        + " in the JSON that the credentials file or socket returns instead");
            }
            extensions(kafka.getSaslOauthbearerExtensions(), out);
        }
        out.readableFile(OAUTH_FILE, kafka.getSaslOauthbearerFilePath());
        out.positive(OAUTH_SOCKET_TIMEOUT, kafka.getSaslOauthbearerHttpSocketTimeout());
    }

    /** Parsed here, not at first connect, because Kafka would reject bad extensions only during the handshake. */
    private static void extensions(Secret extensions, Violations out) {
        JsonNode json;
        try {
            json = JsonMapper.shared().readTree(extensions.reveal());
        } catch (JacksonException e) {
            // The parser's message quotes the input, which is a secret: never pass it on.
            json = null;
        }
        String allowed = ": write a JSON object of strings, e.g. {\"traceparent\":\"...\"}";
        if (json == null || !json.isObject()) {
            out.add(OAUTH_EXTENSIONS, extensions, OAUTH_EXTENSIONS + " is not a JSON object" + allowed);
            return;
        }
        for (Map.Entry<String, JsonNode> extension : json.properties()) {
            String name = extension.getKey();
            if (!EXTENSION_KEY.matcher(name).matches() || name.equals("auth")) {
                out.add(OAUTH_EXTENSIONS, extensions, OAUTH_EXTENSIONS + " has the key \"" + name
                        + "\": Kafka accepts only letters A-Z and a-z in extension keys, and not \"auth\"");
            }
            JsonNode value = extension.getValue();
            if (!value.isString()) {
                out.add(OAUTH_EXTENSIONS, extensions, OAUTH_EXTENSIONS + " has a non-string value for \""
                        + name + "\"" + allowed);
            } else if (!EXTENSION_VALUE.matcher(value.stringValue()).matches()) {
                out.add(OAUTH_EXTENSIONS, extensions, OAUTH_EXTENSIONS + " has an empty value or characters"
                        + " other than printable ASCII for \"" + name + "\": Kafka rejects those");
            }
        }
    }

    private static void mskIam(KafkaSettings kafka, Violations out) {
        boolean accessKey = isSet(kafka.getSaslMskIamAccessKey());
        boolean secretKey = isSet(kafka.getSaslMskIamSecretKey());
        if (accessKey && !secretKey) {
            out.add(MSK_ACCESS_KEY, kafka.getSaslMskIamAccessKey(), MSK_ACCESS_KEY + " is set but "
                    + MSK_SECRET_KEY + " is empty: set both static AWS keys, or neither");
        } else if (secretKey && !accessKey) {
            out.add(MSK_SECRET_KEY, kafka.getSaslMskIamSecretKey(), MSK_SECRET_KEY + " is set but "
                    + MSK_ACCESS_KEY + " is empty: set both static AWS keys, or neither");
        }
        List<Source> sources = new ArrayList<>();
        if (accessKey) {
            sources.add(new Source(MSK_ACCESS_KEY, kafka.getSaslMskIamAccessKey()));
        } else if (secretKey) {
            sources.add(new Source(MSK_SECRET_KEY, kafka.getSaslMskIamSecretKey()));
        }
        if (isSet(kafka.getSaslMskIamFilePath())) {
            sources.add(new Source(MSK_FILE, kafka.getSaslMskIamFilePath()));
        }
        if (isSet(kafka.getSaslMskIamHttpSocketPath())) {
            sources.add(new Source(MSK_SOCKET, kafka.getSaslMskIamHttpSocketPath()));
        }
        // None is fine: beyond Mimir, Tributary then asks the AWS default credential chain (roles, profiles, env).
        if (!sources.isEmpty()) {
            exactlyOneSource(SaslMechanism.AWS_MSK_IAM, sources,
                    MSK_ACCESS_KEY + " with " + MSK_SECRET_KEY + ", " + MSK_FILE + " or " + MSK_SOCKET, out);
        }

        if (isSet(kafka.getSaslMskIamSessionToken()) && !accessKey && !secretKey) {
            out.add(MSK_SESSION_TOKEN, kafka.getSaslMskIamSessionToken(), MSK_SESSION_TOKEN + " is set but "
                    + MSK_ACCESS_KEY + " is empty: the session token goes only with the static keys; put"
                    + " \"SessionToken\" in the JSON that the credentials file or socket returns instead");
        }
        out.readableFile(MSK_FILE, kafka.getSaslMskIamFilePath());
        out.positive(MSK_SOCKET_TIMEOUT, kafka.getSaslMskIamHttpSocketTimeout());
    }

    /** Mimir's ErrSASLOauthbearerBadConfig / ErrSASLMSKIAMBadConfig: credentials come from exactly one place. */
    private static void exactlyOneSource(SaslMechanism mechanism, List<Source> sources, String choices,
                                         Violations out) {
        if (sources.isEmpty()) {
            out.add(MECHANISM, mechanism, MECHANISM + " is " + mechanism.kafkaName()
                    + " but no credential source is set: set exactly one of " + choices);
        } else if (sources.size() > 1) {
            List<String> keys = sources.stream().map(Source::key).toList();
            String named = String.join(", ", keys.subList(0, keys.size() - 1)) + " and " + keys.get(keys.size() - 1);
            String all = sources.size() == 2 ? " are both set: " : " are all set: ";
            out.add(sources.get(0).key(), sources.get(0).value(), named + all + mechanism.kafkaName()
                    + " takes credentials from exactly one of " + choices);
        }
    }

    private static void ignored(List<Source> settings, SaslMechanism mechanism, String usedWith, Violations out) {
        for (Source setting : settings) {
            out.add(setting.key(), setting.value(), setting.key() + " is set but " + MECHANISM + " is "
                    + mechanism.kafkaName() + ", so it would be ignored: remove it, or set " + MECHANISM + " to "
                    + usedWith);
        }
    }

    private static List<Source> usernameAndPasswordSettings(KafkaSettings kafka) {
        List<Source> set = new ArrayList<>();
        addIfSet(set, USERNAME, kafka.getSaslUsername());
        addIfSet(set, PASSWORD, kafka.getSaslPassword());
        return set;
    }

    private static List<Source> oauthbearerSettings(KafkaSettings kafka) {
        List<Source> set = new ArrayList<>();
        addIfSet(set, OAUTH_TOKEN, kafka.getSaslOauthbearerToken());
        addIfSet(set, OAUTH_ZID, kafka.getSaslOauthbearerZid());
        addIfSet(set, OAUTH_EXTENSIONS, kafka.getSaslOauthbearerExtensions());
        addIfSet(set, OAUTH_FILE, kafka.getSaslOauthbearerFilePath());
        addIfSet(set, OAUTH_SOCKET, kafka.getSaslOauthbearerHttpSocketPath());
        return set;
    }

    private static List<Source> mskIamSettings(KafkaSettings kafka) {
        List<Source> set = new ArrayList<>();
        addIfSet(set, MSK_ACCESS_KEY, kafka.getSaslMskIamAccessKey());
        addIfSet(set, MSK_SECRET_KEY, kafka.getSaslMskIamSecretKey());
        addIfSet(set, MSK_SESSION_TOKEN, kafka.getSaslMskIamSessionToken());
        addIfSet(set, MSK_USER_AGENT, kafka.getSaslMskIamUserAgent());
        addIfSet(set, MSK_FILE, kafka.getSaslMskIamFilePath());
        addIfSet(set, MSK_SOCKET, kafka.getSaslMskIamHttpSocketPath());
        return set;
    }

    private static void addIfSet(List<Source> set, String key, String value) {
        if (isSet(value)) {
            set.add(new Source(key, value));
        }
    }

    private static void addIfSet(List<Source> set, String key, Secret value) {
        if (isSet(value)) {
            set.add(new Source(key, value));
        }
    }

    /** A setting and its value; the value stays a {@link Secret} where it is one, so rendering masks it. */
    private record Source(String key, Object value) {
    }
}
