package io.tributary.kafka;

import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.auth.SaslExtensions;
import org.apache.kafka.common.security.auth.SaslExtensionsCallback;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerToken;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerTokenCallback;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Login callback handler for OAUTHBEARER with a file or socket source: Kafka's login module insists on a token at
 * client start, but with these sources the token is fetched per connection by
 * {@link OAuthBearerSourceCallbackHandler}, which never reads the login module's one. So the login module gets a
 * placeholder that holds no credential; reading the source here as well would only fetch a token nobody sends.
 */
public class OAuthBearerPlaceholderLoginCallbackHandler implements AuthenticateCallbackHandler {

    /** Long enough that Kafka's refresh thread seldom wakes up for a token that is never used. */
    private static final Duration PLACEHOLDER_LIFETIME = Duration.ofDays(1);

    @Override
    public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasConfigEntries) {
        // No options.
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof OAuthBearerTokenCallback tokenCallback) {
                long now = System.currentTimeMillis();
                tokenCallback.token(new Placeholder(now));
            } else if (callback instanceof SaslExtensionsCallback extensionsCallback) {
                extensionsCallback.extensions(SaslExtensions.empty());
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    @Override
    public void close() {
        // Nothing held.
    }

    private record Placeholder(long issuedAtMs) implements OAuthBearerToken {

        @Override
        public String value() {
            return "placeholder-never-sent";
        }

        @Override
        public Set<String> scope() {
            return Set.of();
        }

        @Override
        public long lifetimeMs() {
            return issuedAtMs + PLACEHOLDER_LIFETIME.toMillis();
        }

        @Override
        public String principalName() {
            return "tributary";
        }

        @Override
        public Long startTimeMs() {
            return issuedAtMs;
        }
    }
}
