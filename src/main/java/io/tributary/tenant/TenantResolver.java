package io.tributary.tenant;

import io.tributary.config.TributaryProperties;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Decides which tenant a request (a write or a query) belongs to: the {@code X-Scope-OrgID} header when
 * multi-tenancy is on (Mimir's rules for a valid tenant id), the configured no-auth tenant otherwise. Senders
 * that cannot set headers (Debian's Prometheus 2.42 drops {@code remote_write.headers}) may name the tenant as
 * the basic-auth username instead, like hosted Prometheus services; the password is not checked here:
 * as with Mimir, authentication belongs to the gateway in front.
 */
public class TenantResolver {

    /** The header Mimir, Cortex and their clients use to carry the tenant id. */
    public static final String TENANT_HEADER = "X-Scope-OrgID";

    static final int MAX_TENANT_ID_LENGTH = 150;

    private final TributaryProperties settings;

    public TenantResolver(TributaryProperties settings) {
        this.settings = settings;
    }

    /**
     * The tenant of a request.
     *
     * @throws TenantException when the header is missing (401) or the id is not valid (400)
     */
    public String resolve(String headerValue) {
        return resolve(headerValue, null);
    }

    /**
     * The tenant of a request from its {@code X-Scope-OrgID} header or, failing that, the username of its
     * {@code Authorization: Basic} header when {@code tributary.basic-auth-tenant-enabled}.
     */
    public String resolve(String headerValue, String authorization) {
        if (!settings.isMultitenancyEnabled()) {
            return settings.getNoAuthTenant();
        }
        if ((headerValue == null || headerValue.isEmpty()) && settings.isBasicAuthTenantEnabled()) {
            headerValue = basicAuthUsername(authorization);
        }
        if (headerValue == null || headerValue.isEmpty()) {
            throw new TenantException(401, "no tenant: set the " + TENANT_HEADER + " header"
                    + (settings.isBasicAuthTenantEnabled() ? " or a basic-auth username" : "")
                    + " (or run with tributary.multitenancy-enabled=false)");
        }
        String problem = invalidity(headerValue);
        if (problem != null) {
            throw new TenantException(400, "invalid tenant id in " + TENANT_HEADER + ": " + problem);
        }
        return headerValue;
    }

    private static String basicAuthUsername(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = credentials.indexOf(':');
            return colon < 0 ? credentials : credentials.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Why a tenant id is not valid, or null: the characters Mimir allows, so ids round-trip through it. */
    static String invalidity(String tenant) {
        if (tenant.length() > MAX_TENANT_ID_LENGTH) {
            return "longer than " + MAX_TENANT_ID_LENGTH + " characters";
        }
        if (tenant.equals(".") || tenant.equals("..")) {
            return "'" + tenant + "' is reserved";
        }
        for (int i = 0; i < tenant.length(); i++) {
            char c = tenant.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!-_.*'()".indexOf(c) >= 0;
            if (!allowed) {
                return "character '" + c + "' is not allowed (letters, digits and !-_.*'() are)";
            }
        }
        return null;
    }

    /** A request whose tenant cannot be determined, with the HTTP status to answer. */
    public static final class TenantException extends RuntimeException {
        private final int status;

        TenantException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
