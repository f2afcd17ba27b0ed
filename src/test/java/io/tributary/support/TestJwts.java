package io.tributary.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256-signed JWTs for the OAUTHBEARER tests, signed with a key only the test broker's validator
 * ({@link HmacJwtValidatorCallbackHandler}) knows. Each token carries a {@code jti} so one token can be revoked.
 */
public final class TestJwts {

    /** The signing key the test broker trusts. */
    static final String KEY = "tributary-test-signing-key-not-a-real-secret-0123456789";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private TestJwts() {
    }

    /** A token for {@code subject} with id {@code jti}, valid for {@code lifetime} from now. */
    public static String valid(String subject, String jti, Duration lifetime) {
        return signed(subject, jti, Instant.now().plus(lifetime), KEY);
    }

    /** A correctly signed token that expired a minute ago. */
    public static String expired(String subject, String jti) {
        return signed(subject, jti, Instant.now().minusSeconds(60), KEY);
    }

    /** A token signed with another key. */
    public static String forged(String subject, String jti) {
        return signed(subject, jti, Instant.now().plusSeconds(600), "some-other-key");
    }

    static String signed(String subject, String jti, Instant expiry, String key) {
        String header = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = B64.encodeToString(("{\"sub\":\"" + subject + "\",\"jti\":\"" + jti + "\",\"iat\":"
                + Instant.now().getEpochSecond() + ",\"exp\":" + expiry.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + "." + B64.encodeToString(hmac(header + "." + payload, key));
    }

    static byte[] hmac(String data, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
