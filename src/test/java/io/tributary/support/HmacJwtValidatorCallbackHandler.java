package io.tributary.support;

import io.tributary.kafka.OpaqueOAuthBearerToken;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerExtensionsValidatorCallback;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallback;

/**
 * Broker-side OAUTHBEARER validator for the test broker that really checks tokens, unlike Kafka's unsecured
 * validator: an HS256 signature with {@link TestJwts#KEY}, an expiry in the future, and a {@code jti} that has not
 * been revoked. Anything else is refused with {@code invalid_token}. It counts accepted authentications per
 * {@code jti}, so a test can see which token a client is using.
 * <p>
 * The broker instantiates this class itself; the revocation list and counters are static so the test in the
 * same JVM can reach them. Tests use distinct jti values, so they do not see each other's.
 */
public class HmacJwtValidatorCallbackHandler implements AuthenticateCallbackHandler {

    private static final Set<String> REVOKED = ConcurrentHashMap.newKeySet();
    private static final Map<String, AtomicInteger> ACCEPTED = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> REFUSED = new ConcurrentHashMap<>();
    private static final Pattern STRING_CLAIM = Pattern.compile("\"(sub|jti)\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern EXP_CLAIM = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)");

    /** Refuses the token with this id from now on (connections already authenticated keep their session). */
    public static void revoke(String jti) {
        REVOKED.add(jti);
    }

    /** How many authentications succeeded with the token {@code jti}. */
    public static int accepted(String jti) {
        return ACCEPTED.getOrDefault(jti, new AtomicInteger()).get();
    }

    /** How many authentications were refused for the token {@code jti} (revoked or expired). */
    public static int refused(String jti) {
        return REFUSED.getOrDefault(jti, new AtomicInteger()).get();
    }

    @Override
    public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasConfigEntries) {
        // The key is TestJwts.KEY; nothing to read.
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof OAuthBearerValidatorCallback validator) {
                validate(validator);
            } else if (callback instanceof OAuthBearerExtensionsValidatorCallback extensions) {
                extensions.inputExtensions().map().keySet().forEach(extensions::valid);
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    private static void validate(OAuthBearerValidatorCallback callback) {
        String token = callback.tokenValue();
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            callback.error("invalid_token", null, null);
            return;
        }
        byte[] expected = TestJwts.hmac(parts[0] + "." + parts[1], TestJwts.KEY);
        byte[] actual;
        String payload;
        try {
            actual = Base64.getUrlDecoder().decode(parts[2]);
            payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            callback.error("invalid_token", null, null);
            return;
        }
        if (!MessageDigest.isEqual(expected, actual)) {
            callback.error("invalid_token", null, null);
            return;
        }
        String subject = null;
        String jti = null;
        Matcher claims = STRING_CLAIM.matcher(payload);
        while (claims.find()) {
            if (claims.group(1).equals("sub")) {
                subject = claims.group(2);
            } else {
                jti = claims.group(2);
            }
        }
        Matcher exp = EXP_CLAIM.matcher(payload);
        if (subject == null || jti == null || !exp.find()) {
            callback.error("invalid_token", null, null);
            return;
        }
        long expiresMs = Long.parseLong(exp.group(1)) * 1000;
        if (expiresMs <= System.currentTimeMillis() || REVOKED.contains(jti)) {
            REFUSED.computeIfAbsent(jti, k -> new AtomicInteger()).incrementAndGet();
            callback.error("invalid_token", null, null);
            return;
        }
        ACCEPTED.computeIfAbsent(jti, k -> new AtomicInteger()).incrementAndGet();
        callback.token(new OpaqueOAuthBearerToken(token, subject, null, expiresMs));
    }

    @Override
    public void close() {
        // Nothing held.
    }
}
