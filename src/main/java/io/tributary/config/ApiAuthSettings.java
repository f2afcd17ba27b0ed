package io.tributary.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code tributary.api-auth.*} settings: optional credentials for the remote-write, remote-read and query
 * endpoints, checked by Tributary itself for deployments without an authenticating gateway in front.
 */
public class ApiAuthSettings {

    /** Require credentials on the remote-write, remote-read and query endpoints; off = anyone who can connect may use them. */
    private boolean enabled = false;

    /** Username of the shared basic-auth credential, valid for every tenant. */
    private String username = "";

    /** Password of the shared basic-auth credential. */
    private Secret password = Secret.empty();

    /** Shared bearer token (Authorization: Bearer ...), valid for every tenant. */
    private Secret bearerToken = Secret.empty();

    /** Credentials of one tenant each, keyed by tenant id; a request that uses them belongs to that tenant. */
    private Map<String, TenantCredentials> tenants = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public Secret getPassword() {
        return password;
    }

    public void setPassword(Secret password) {
        this.password = password;
    }

    public Secret getBearerToken() {
        return bearerToken;
    }

    public void setBearerToken(Secret bearerToken) {
        this.bearerToken = bearerToken;
    }

    public Map<String, TenantCredentials> getTenants() {
        return tenants;
    }

    public void setTenants(Map<String, TenantCredentials> tenants) {
        this.tenants = tenants;
    }

    /** True when at least one credential is configured, shared or per tenant. */
    public boolean hasAnyCredential() {
        return password.isSet() || bearerToken.isSet()
                || tenants.values().stream().anyMatch(t -> t.getPassword().isSet() || t.getBearerToken().isSet());
    }

    /** One tenant's credentials: basic auth with the tenant id as username, and/or a bearer token. */
    public static class TenantCredentials {

        /** Basic-auth password of this tenant; the username is the tenant id. */
        private Secret password = Secret.empty();

        /** Bearer token of this tenant. */
        private Secret bearerToken = Secret.empty();

        public Secret getPassword() {
            return password;
        }

        public void setPassword(Secret password) {
            this.password = password;
        }

        public Secret getBearerToken() {
            return bearerToken;
        }

        public void setBearerToken(Secret bearerToken) {
            this.bearerToken = bearerToken;
        }
    }
}
