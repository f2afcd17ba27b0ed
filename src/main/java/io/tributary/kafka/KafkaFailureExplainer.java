package io.tributary.kafka;

import io.tributary.config.KafkaSettings;
import io.tributary.config.SaslMechanism;
import io.tributary.config.Secret;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns a Kafka client failure into one sentence for an operator: what went wrong and which
 * {@code ingest-storage.kafka.*} setting to fix. Used wherever a Kafka failure reaches a person: the "kafka"
 * readiness detail, the remote-write error message, partition reader status, and the startup error.
 * <p>
 * Secrets never appear: the sentence is built from setting names and non-secret values (username, paths), and
 * whatever Kafka said is passed through {@link #redact} with every secret the settings hold.
 * <p>
 * Why this fails fast: Kafka's clients treat {@link AuthenticationException} as fatal for the request (the admin
 * client and consumers throw it at once instead of retrying until {@code default.api.timeout.ms}), and
 * credential sources report their problems as authentication errors too ({@link CredentialsUnavailableException}
 * is the cause). So a bad credential stops startup within seconds ({@link TopicProvisioner} is the first client
 * to connect and puts this sentence in its exception), and later failures show up here instead of a timeout.
 */
public final class KafkaFailureExplainer {

    private static final String KAFKA = "ingest-storage.kafka.";
    private static final String MECHANISM = KAFKA + "sasl-mechanism";
    private static final String USERNAME = KAFKA + "sasl-username";
    private static final String PASSWORD = KAFKA + "sasl-password";
    private static final String OAUTH_TOKEN = KAFKA + "sasl-oauthbearer-token";

    private KafkaFailureExplainer() {
    }

    /** The operator's sentence for {@code failure}; for failures it has nothing to add to, Kafka's own words. */
    public static String explain(Throwable failure, KafkaSettings settings) {
        return redact(explainUnredacted(failure, settings), settings);
    }

    /** True if {@code failure} is (or is caused by) a failed authentication, which retrying will not fix. */
    public static boolean isAuthenticationFailure(Throwable failure) {
        return find(failure, AuthenticationException.class).isPresent()
                || find(failure, CredentialsUnavailableException.class).isPresent();
    }

    private static String explainUnredacted(Throwable failure, KafkaSettings settings) {
        Optional<String> tls = tlsExplanation(failure, settings);
        if (tls.isPresent()) {
            return tls.get();
        }
        Optional<CredentialsUnavailableException> source = find(failure, CredentialsUnavailableException.class);
        if (source.isPresent()) {
            return "Kafka authentication (" + settings.getSaslMechanism().kafkaName() + ") failed because "
                    + source.get().getMessage();
        }
        Optional<UnsupportedSaslMechanismException> mechanism = find(failure, UnsupportedSaslMechanismException.class);
        if (mechanism.isPresent()) {
            return "the Kafka broker does not offer SASL mechanism " + settings.getSaslMechanism().kafkaName()
                    + " on this listener: set " + MECHANISM + " to a mechanism it enables, or enable "
                    + settings.getSaslMechanism().kafkaName() + " on the broker (Kafka said: "
                    + mechanism.get().getMessage() + ")";
        }
        Optional<SaslAuthenticationException> sasl = find(failure, SaslAuthenticationException.class);
        if (sasl.isPresent()) {
            return rejected(settings) + " (Kafka said: " + sasl.get().getMessage() + ")";
        }
        Optional<AuthenticationException> other = find(failure, AuthenticationException.class);
        if (other.isPresent()) {
            return "Kafka authentication failed: check the " + KAFKA + "sasl-* and " + KAFKA + "tls-* settings "
                    + "(Kafka said: " + other.get().getMessage() + ")";
        }
        Throwable cause = unwrap(failure);
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** Certificate, trust and handshake failures, explained by {@link TlsFailures}. */
    private static Optional<String> tlsExplanation(Throwable failure, KafkaSettings settings) {
        return TlsFailures.explain(failure, settings);
    }

    private static String rejected(KafkaSettings settings) {
        SaslMechanism mechanism = settings.getSaslMechanism();
        return switch (mechanism) {
            case PLAIN -> "Kafka rejected username '" + settings.getSaslUsername() + "' with SASL PLAIN: check "
                    + USERNAME + " and " + PASSWORD;
            case SCRAM_SHA_256, SCRAM_SHA_512 -> "Kafka rejected username '" + settings.getSaslUsername() + "' with SASL "
                    + mechanism.kafkaName() + ": check " + USERNAME + " and " + PASSWORD + ", and that the broker holds "
                    + mechanism.kafkaName() + " credentials for this user (kafka-configs.sh --alter --add-config '"
                    + mechanism.kafkaName() + "=[password=...]' --entity-type users --entity-name "
                    + settings.getSaslUsername() + ")";
            case OAUTHBEARER -> "Kafka rejected the OAUTHBEARER token from " + oauthbearerSource(settings)
                    + ": it is expired, malformed, revoked or not signed by a key the broker trusts; supply a valid "
                    + "token there";
            case AWS_MSK_IAM -> "Kafka rejected the AWS_MSK_IAM credentials from " + mskIamSource(settings)
                    + ": check that the access key is active, the secret key (and session token) belong to it and"
                    + " have not expired, and that its IAM policy allows kafka-cluster:Connect on this cluster";
        };
    }

    private static String oauthbearerSource(KafkaSettings settings) {
        if (!settings.getSaslOauthbearerFilePath().isBlank()) {
            return OAuthBearerSourceCallbackHandler.FILE_KEY + " " + settings.getSaslOauthbearerFilePath();
        }
        if (!settings.getSaslOauthbearerHttpSocketPath().isBlank()) {
            return "the credentials server on " + OAuthBearerSourceCallbackHandler.SOCKET_KEY + " "
                    + settings.getSaslOauthbearerHttpSocketPath();
        }
        return OAUTH_TOKEN;
    }

    private static String mskIamSource(KafkaSettings settings) {
        if (!settings.getSaslMskIamFilePath().isBlank()) {
            return MskIamCallbackHandler.FILE_KEY + " " + settings.getSaslMskIamFilePath();
        }
        if (!settings.getSaslMskIamHttpSocketPath().isBlank()) {
            return "the credentials server on " + MskIamCallbackHandler.SOCKET_KEY + " " + settings.getSaslMskIamHttpSocketPath();
        }
        if (!settings.getSaslMskIamAccessKey().isBlank()) {
            return KAFKA + "sasl-msk-iam-access-key " + settings.getSaslMskIamAccessKey() + " with " + KAFKA
                    + "sasl-msk-iam-secret-key";
        }
        return "the AWS default credential chain (no " + KAFKA + "sasl-msk-iam-* credential setting is set)";
    }

    /** Every secret the settings hold, masked, in case Kafka (or a broker plugin) echoed one back. */
    static String redact(String message, KafkaSettings settings) {
        String out = message == null ? "" : message;
        List<Secret> secrets = new ArrayList<>(List.of(settings.getSaslPassword(), settings.getSaslOauthbearerToken(),
                settings.getSaslOauthbearerExtensions(), settings.getSaslMskIamSecretKey(),
                settings.getSaslMskIamSessionToken()));
        for (Secret secret : secrets) {
            if (secret != null && secret.isSet()) {
                out = out.replace(secret.reveal(), Secret.MASK);
            }
        }
        return out;
    }

    private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    /** The failure itself, not the future or executor wrapper it travelled in. */
    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
