package io.tributary.config;

import java.util.Map;

import static io.tributary.config.Violations.isSet;

/** Checks the console's admin account and the optional API credentials ({@code tributary.console.*}, {@code tributary.api-auth.*}). */
final class AccessRules {

    private static final String BCRYPT_PREFIX = ConsoleSettings.BCRYPT_PREFIX;

    private static final String API = "tributary.api-auth.";

    private AccessRules() {
    }

    static void check(TributaryProperties tributary, Violations out) {
        ConsoleSettings console = tributary.getConsole();
        if (!isSet(console.getUsername())) {
            out.add("tributary.console.username", console.getUsername(), "tributary.console.username is empty:"
                    + " set the name of the console's admin account (default admin)");
        }
        String password = console.getPassword().reveal();
        if (password.startsWith(BCRYPT_PREFIX) && !ConsoleSettings.isBcryptHash(password.substring(BCRYPT_PREFIX.length()))) {
            // The value is not echoed: a mistyped hash may be a pasted password.
            out.add("tributary.console.password", console.getPassword(), "tributary.console.password starts with "
                    + BCRYPT_PREFIX + " but what follows is not a bcrypt hash ($2a$10$ and 53 characters):"
                    + " give the whole hash, or the plain password without the prefix");
        }
        out.positive("tributary.console.login-attempts", console.getLoginAttempts());
        out.positive("tributary.console.login-lockout", console.getLoginLockout());
        checkApi(tributary.getApiAuth(), out);
    }

    private static void checkApi(ApiAuthSettings api, Violations out) {
        if (isSet(api.getUsername()) != isSet(api.getPassword())) {
            String missing = isSet(api.getUsername()) ? "password" : "username";
            out.add(API + missing, isSet(api.getUsername()) ? api.getPassword() : api.getUsername(),
                    API + missing + " is empty but " + API + (missing.equals("password") ? "username" : "password")
                            + " is set: set both for a shared basic-auth credential, or neither");
        }
        noBcrypt(API + "password", api.getPassword(), out);
        for (Map.Entry<String, ApiAuthSettings.TenantCredentials> tenant : api.getTenants().entrySet()) {
            String key = API + "tenants." + tenant.getKey();
            ApiAuthSettings.TenantCredentials credentials = tenant.getValue();
            if (!isSet(credentials.getPassword()) && !isSet(credentials.getBearerToken())) {
                out.add(key, "", key + " has no credential: set " + key + ".password (basic auth, the tenant id is"
                        + " the username) or " + key + ".bearer-token, or remove the tenant");
            }
            noBcrypt(key + ".password", credentials.getPassword(), out);
        }
        if (api.isEnabled() && !api.hasAnyCredential()) {
            out.add(API + "enabled", true, API + "enabled is true but no credential is set: set " + API
                    + "username and " + API + "password, " + API + "bearer-token, or " + API
                    + "tenants.<tenant>.password or .bearer-token");
        }
    }

    /**
     * API credentials are checked on every push, dozens a second per sender; bcrypt costs tens of milliseconds
     * each time by design, so they are compared in constant time as given instead.
     */
    private static void noBcrypt(String key, Secret password, Violations out) {
        if (password.reveal().startsWith(BCRYPT_PREFIX)) {
            out.add(key, password, key + " is a " + BCRYPT_PREFIX + " hash: API credentials are checked on every"
                    + " request and take the plain password (keep it out of shared files with an environment"
                    + " variable)");
        }
    }
}
