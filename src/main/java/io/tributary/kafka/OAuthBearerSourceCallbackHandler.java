package io.tributary.kafka;

import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.auth.SaslExtensions;
import org.apache.kafka.common.security.auth.SaslExtensionsCallback;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerTokenCallback;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Kafka SASL <em>client</em> callback handler ({@code sasl.client.callback.handler.class}) for OAUTHBEARER with a
 * file or Unix-socket source: every time a connection authenticates or re-authenticates (KIP-368, driven by the
 * broker's {@code connections.max.reauth.ms}), Kafka's OAUTHBEARER SASL client asks this handler for the token,
 * and the handler fetches it from the source anew.
 * <p>
 * Why not a login callback handler, like the static token: Kafka's login module caches one token in the JAAS
 * Subject and renews it on its own timer, from the token's lifetime, and the default client handler sends
 * whatever is cached. Mimir's semantics are "read anew at every (re)authentication", and the token is opaque to
 * us, so its lifetime is unknown. Answering the SASL client directly bypasses that cache; the login module only
 * gets a placeholder ({@link OAuthBearerPlaceholderLoginCallbackHandler}) that is never sent.
 * <p>
 * A source that fails throws {@link CredentialsUnavailableException}; Kafka turns it into the cause of a
 * {@code SaslAuthenticationException}, which fails the request at once instead of being retried.
 */
public class OAuthBearerSourceCallbackHandler implements AuthenticateCallbackHandler {

    static final String FILE_KEY = "ingest-storage.kafka.sasl-oauthbearer-file-path";
    static final String SOCKET_KEY = "ingest-storage.kafka.sasl-oauthbearer-http-socket-path";
    static final String SOCKET_TIMEOUT_KEY = "ingest-storage.kafka.sasl-oauthbearer-http-socket-timeout";

    static final String FILE_PATH_OPTION = "filePath";
    static final String SOCKET_PATH_OPTION = "socketPath";
    static final String SOCKET_TIMEOUT_MS_OPTION = "socketTimeoutMs";

    /** What the client believes of a token it cannot read; only used for the client-side principal name. */
    private static final String CLIENT_PRINCIPAL = "tributary";

    private CredentialSource<OAuthBearerCredentials> source;
    /** The credentials of the authentication in progress, so its extensions match its token. */
    private OAuthBearerCredentials current;

    @Override
    public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasConfigEntries) {
        source = sourceFrom(jaasConfigEntries.isEmpty() ? Map.of() : jaasConfigEntries.get(0).getOptions());
    }

    static CredentialSource<OAuthBearerCredentials> sourceFrom(Map<String, ?> options) {
        Object file = options.get(FILE_PATH_OPTION);
        Object socket = options.get(SOCKET_PATH_OPTION);
        if (file != null && !file.toString().isBlank()) {
            return CredentialSources.file(Path.of(file.toString()), FILE_KEY, "the OAUTHBEARER credentials",
                    OAuthBearerCredentials::fromJson);
        }
        if (socket != null && !socket.toString().isBlank()) {
            Object timeoutMs = options.get(SOCKET_TIMEOUT_MS_OPTION);
            Duration timeout = Duration.ofMillis(timeoutMs == null ? 10_000 : Long.parseLong(timeoutMs.toString()));
            return CredentialSources.socket(Path.of(socket.toString()), timeout, SOCKET_KEY, SOCKET_TIMEOUT_KEY,
                    OAuthBearerCredentials::fromJson);
        }
        throw new IllegalArgumentException("ingest-storage.kafka.sasl-mechanism=OAUTHBEARER with a credential source "
                + "needs ingest-storage.kafka.sasl-oauthbearer-file-path or -http-socket-path");
    }

    @Override
    public synchronized void handle(Callback[] callbacks) throws java.io.IOException, UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof OAuthBearerTokenCallback tokenCallback) {
                // Kafka asks for the token first and the extensions right after, for the same authentication.
                current = source.fetch();
                // Its lifetime is unknown (the token is opaque to us), so it claims a short one.
                long now = System.currentTimeMillis();
                tokenCallback.token(new OpaqueOAuthBearerToken(current.token().reveal(),
                        current.zid().isEmpty() ? CLIENT_PRINCIPAL : current.zid(), now, now + 60_000));
            } else if (callback instanceof SaslExtensionsCallback extensionsCallback) {
                OAuthBearerCredentials credentials = current != null ? current : source.fetch();
                extensionsCallback.extensions(new SaslExtensions(credentials.extensions()));
                current = null;
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
