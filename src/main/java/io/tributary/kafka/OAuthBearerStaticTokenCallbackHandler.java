package io.tributary.kafka;

import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.auth.SaslExtensions;
import org.apache.kafka.common.security.auth.SaslExtensionsCallback;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerTokenCallback;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Kafka login callback handler for OAUTHBEARER that hands out the static token of
 * {@code ingest-storage.kafka.sasl-oauthbearer-token} (with its zid and extensions), which
 * {@link KafkaClientProperties} passes as JAAS options.
 * <p>
 * Kafka's own default handler would mint an unsecured JWT instead, which no real broker accepts. The
 * file and socket sources of Mimir (re-read at every authentication) go through
 * {@link OAuthBearerSourceCallbackHandler} instead: this login-time handler is not asked again per connection.
 * <p>
 * The zid (authorization id) is only used as the client-side principal name: Kafka's Java OAUTHBEARER
 * client never sends an authzid in its initial response, unlike franz-go.
 */
public class OAuthBearerStaticTokenCallbackHandler implements AuthenticateCallbackHandler {

    static final String TOKEN_OPTION = "token";
    static final String ZID_OPTION = "zid";
    static final String EXTENSIONS_OPTION = "extensions";

    /**
     * Lifetime reported to Kafka's refresh thread. The token is opaque to us (it need not be a JWT), so we
     * cannot know its real expiry; an hour makes Kafka ask again now and then, which costs nothing.
     */
    private static final Duration ASSUMED_LIFETIME = Duration.ofHours(1);

    private String token = "";
    private String zid = "";
    private Map<String, String> extensions = Map.of();

    @Override
    public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasConfigEntries) {
        Map<String, ?> options = jaasConfigEntries.isEmpty() ? Map.of() : jaasConfigEntries.get(0).getOptions();
        token = stringOption(options, TOKEN_OPTION);
        zid = stringOption(options, ZID_OPTION);
        if (token.isEmpty()) {
            throw new IllegalArgumentException("ingest-storage.kafka.sasl-mechanism=OAUTHBEARER needs "
                    + "ingest-storage.kafka.sasl-oauthbearer-token");
        }
        String json = stringOption(options, EXTENSIONS_OPTION);
        extensions = json.isEmpty() ? Map.of() : parseExtensions(json);
    }

    private static String stringOption(Map<String, ?> options, String name) {
        Object value = options.get(name);
        return value == null ? "" : value.toString();
    }

    private static Map<String, String> parseExtensions(String json) {
        try {
            return JsonMapper.builder().build().readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JacksonException e) {
            // The message would quote the JSON, which may hold secrets.
            throw new IllegalArgumentException("ingest-storage.kafka.sasl-oauthbearer-extensions is not a JSON "
                    + "object of strings, e.g. {\"logicalCluster\":\"lkc-123\"}");
        }
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof OAuthBearerTokenCallback tokenCallback) {
                long now = System.currentTimeMillis();
                tokenCallback.token(new OpaqueOAuthBearerToken(token, zid.isEmpty() ? "tributary" : zid, now,
                        now + ASSUMED_LIFETIME.toMillis()));
            } else if (callback instanceof SaslExtensionsCallback extensionsCallback) {
                extensionsCallback.extensions(new SaslExtensions(extensions));
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    @Override
    public void close() {
        // Nothing held.
    }
}
