package io.tributary.kafka;

import io.tributary.config.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import software.amazon.msk.auth.iam.internals.AWSCredentialsCallback;

/**
 * Kafka SASL client callback handler ({@code sasl.client.callback.handler.class}) for AWS_MSK_IAM with Mimir's
 * credential sources: static keys, a JSON file or a Unix-socket callback, and the AWS default credential chain
 * when none is set. aws-msk-iam-auth's SASL client asks it for credentials at every authentication and
 * re-authentication (the broker's {@code connections.max.reauth.ms}); the source is asked each time, so rotated
 * keys need no restart.
 *
 * <p>Why not aws-msk-iam-auth's own handler: it only knows the AWS provider chain and cannot name a user agent.
 * The options arrive as the JAAS line's options, which Kafka keeps as a password value (never logged).
 *
 * <p>A source that fails hands the library a {@link CredentialsUnavailableException}; the library reports it as
 * the cause of the authentication failure, which fails the client at once instead of being retried.
 */
public class MskIamCallbackHandler implements AuthenticateCallbackHandler {

    static final String FILE_KEY = "ingest-storage.kafka.sasl-msk-iam-file-path";
    static final String SOCKET_KEY = "ingest-storage.kafka.sasl-msk-iam-http-socket-path";
    static final String SOCKET_TIMEOUT_KEY = "ingest-storage.kafka.sasl-msk-iam-http-socket-timeout";

    static final String ACCESS_KEY_OPTION = "tributaryAccessKey";
    static final String SECRET_KEY_OPTION = "tributarySecretKey";
    static final String SESSION_TOKEN_OPTION = "tributarySessionToken";
    static final String USER_AGENT_OPTION = "tributaryUserAgent";
    static final String FILE_PATH_OPTION = "tributaryFilePath";
    static final String SOCKET_PATH_OPTION = "tributarySocketPath";
    static final String SOCKET_TIMEOUT_MS_OPTION = "tributarySocketTimeoutMs";

    private CredentialSource<MskIamCredentials> source;
    /** {@code sasl-msk-iam-user-agent}, used when the credentials do not name one. */
    private String configuredUserAgent = "";
    /** The user agent of the credentials last fetched, for the signed payload ({@link MskIamUserAgent}). */
    private volatile String userAgent = "";

    @Override
    public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasConfigEntries) {
        Map<String, ?> options = jaasConfigEntries.isEmpty() ? Map.of() : jaasConfigEntries.get(0).getOptions();
        source = sourceFrom(options);
        configuredUserAgent = option(options, USER_AGENT_OPTION);
    }

    static CredentialSource<MskIamCredentials> sourceFrom(Map<String, ?> options) {
        String file = option(options, FILE_PATH_OPTION);
        if (!file.isEmpty()) {
            return CredentialSources.file(Path.of(file), FILE_KEY, "the AWS credentials", MskIamCredentials::fromJson);
        }
        String socket = option(options, SOCKET_PATH_OPTION);
        if (!socket.isEmpty()) {
            String timeoutMs = option(options, SOCKET_TIMEOUT_MS_OPTION);
            return CredentialSources.socket(Path.of(socket),
                    Duration.ofMillis(timeoutMs.isEmpty() ? 10_000 : Long.parseLong(timeoutMs)), SOCKET_KEY,
                    SOCKET_TIMEOUT_KEY, MskIamCredentials::fromJson);
        }
        String accessKey = option(options, ACCESS_KEY_OPTION);
        if (accessKey.isEmpty()) {
            return new MskIamDefaultChainSource(option(options, USER_AGENT_OPTION));
        }
        MskIamCredentials fixed = new MskIamCredentials(accessKey, Secret.of(option(options, SECRET_KEY_OPTION)),
                Secret.of(option(options, SESSION_TOKEN_OPTION)), option(options, USER_AGENT_OPTION));
        return () -> fixed;
    }

    private static String option(Map<String, ?> options, String key) {
        Object value = options.get(key);
        return value == null ? "" : value.toString().trim();
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof AWSCredentialsCallback credentials) {
                try {
                    MskIamCredentials fetched = source.fetch();
                    userAgent = fetched.userAgent().isEmpty() ? configuredUserAgent : fetched.userAgent();
                    credentials.setAwsCredentials(fetched.toAws());
                } catch (CredentialsUnavailableException e) {
                    credentials.setLoadingException(e);
                }
            } else if (callback instanceof MskIamUserAgent.Callback agent) {
                agent.userAgent(userAgent);
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    @Override
    public void close() {
        // Nothing held between authentications.
    }
}
