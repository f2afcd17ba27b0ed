package io.tributary.access;

import io.tributary.config.ApiAuthSettings;
import io.tributary.config.Secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides whether the {@code Authorization} header of a remote-write, remote-read or query request carries one of
 * the credentials of {@code tributary.api-auth}, and for which tenant. A shared credential is good for any tenant;
 * a tenant's own credential (basic auth with the tenant id as username, or its bearer token) is good for that
 * tenant only. Secrets are compared as SHA-256 digests with {@link MessageDigest#isEqual}, so the time taken says
 * nothing about how much of a guess was right, whatever its length.
 */
final class ApiCredentials {

    /** What to do with a request. */
    sealed interface Verdict permits Allowed, Refused {
    }

    /** Go ahead; {@code tenant} is the tenant the credential belongs to, or null for a shared credential. */
    record Allowed(String tenant) implements Verdict {
    }

    /** Answer {@code status} (401 or 403) with {@code reason}. */
    record Refused(int status, String reason) implements Verdict {
    }

    private final String sharedUsername;
    private final byte[] sharedPassword;
    private final byte[] sharedToken;
    private final Map<String, byte[]> tenantPasswords = new LinkedHashMap<>();
    private final Map<String, byte[]> tenantTokens = new LinkedHashMap<>();

    ApiCredentials(ApiAuthSettings settings) {
        this.sharedUsername = settings.getUsername();
        this.sharedPassword = digest(settings.getPassword());
        this.sharedToken = digest(settings.getBearerToken());
        settings.getTenants().forEach((tenant, credentials) -> {
            if (credentials.getPassword().isSet()) {
                tenantPasswords.put(tenant, digest(credentials.getPassword()));
            }
            if (credentials.getBearerToken().isSet()) {
                tenantTokens.put(tenant, digest(credentials.getBearerToken()));
            }
        });
    }

    /** True when some credential is a bearer token, so a 401 also invites {@code Bearer}. */
    boolean acceptsBearer() {
        return sharedToken != null || !tenantTokens.isEmpty();
    }

    /** True when some credential is a username and password, so a 401 also invites {@code Basic}. */
    boolean acceptsBasic() {
        return sharedPassword != null || !tenantPasswords.isEmpty();
    }

    /**
     * The verdict on a request with this {@code Authorization} header that names {@code requestedTenant} in
     * X-Scope-OrgID (null when it does not).
     */
    Verdict check(String authorization, String requestedTenant) {
        if (authorization == null || authorization.isBlank()) {
            return new Refused(401, "no credentials: tributary.api-auth.enabled is true, so send basic-auth"
                    + " credentials or a bearer token");
        }
        Verdict verdict;
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            verdict = basic(authorization.substring(6).trim());
        } else if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            verdict = bearer(authorization.substring(7).trim());
        } else {
            int space = authorization.indexOf(' ');
            String scheme = space < 0 ? authorization : authorization.substring(0, space);
            return new Refused(401, "unsupported Authorization scheme '" + scheme + "': use Basic or Bearer");
        }
        if (verdict instanceof Allowed allowed && allowed.tenant() != null && requestedTenant != null
                && !requestedTenant.isEmpty() && !requestedTenant.equals(allowed.tenant())) {
            return new Refused(403, "the credentials of tenant " + allowed.tenant() + " are not valid for tenant "
                    + requestedTenant + " named in X-Scope-OrgID");
        }
        return verdict;
    }

    private Verdict basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Refused(401, "malformed basic-auth credentials: not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return new Refused(401, "malformed basic-auth credentials: no ':' between username and password");
        }
        String username = decoded.substring(0, colon);
        byte[] password = digest(decoded.substring(colon + 1));
        if (sharedPassword != null && username.equals(sharedUsername) && MessageDigest.isEqual(sharedPassword, password)) {
            return new Allowed(null);
        }
        byte[] tenantPassword = tenantPasswords.get(username);
        if (tenantPassword != null && MessageDigest.isEqual(tenantPassword, password)) {
            return new Allowed(username);
        }
        return new Refused(401, "wrong username or password for user '" + username + "'");
    }

    private Verdict bearer(String token) {
        byte[] presented = digest(token);
        if (sharedToken != null && MessageDigest.isEqual(sharedToken, presented)) {
            return new Allowed(null);
        }
        for (Map.Entry<String, byte[]> tenant : tenantTokens.entrySet()) {
            if (MessageDigest.isEqual(tenant.getValue(), presented)) {
                return new Allowed(tenant.getKey());
            }
        }
        return new Refused(401, "unknown bearer token");
    }

    private static byte[] digest(Secret secret) {
        return secret.isSet() ? digest(secret.reveal()) : null;
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
