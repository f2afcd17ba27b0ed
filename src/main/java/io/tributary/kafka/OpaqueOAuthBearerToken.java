package io.tributary.kafka;

import java.util.Set;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerToken;

/**
 * An OAUTHBEARER token as Kafka's SASL client and server pass it around, for tokens Tributary does not parse:
 * no scope, the times the caller decides, and a {@code toString} that never shows the value.
 *
 * @param startTimeMs when the token became valid, or null when unknown
 * @param lifetimeMs  when it stops being valid (epoch milliseconds), which drives Kafka's refresh
 */
public record OpaqueOAuthBearerToken(String value, String principalName, Long startTimeMs, long lifetimeMs)
        implements OAuthBearerToken {

    @Override
    public Set<String> scope() {
        return Set.of();
    }

    @Override
    public String toString() {
        return "OpaqueOAuthBearerToken[principal=" + principalName + ", value=******]";
    }
}
