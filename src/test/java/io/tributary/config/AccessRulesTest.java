package io.tributary.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Validation of the console's admin account and of tributary.api-auth: every violation names key, value and fix. */
class AccessRulesTest {

    private static List<SettingsViolation> violations(Consumer<TributaryProperties> change) {
        TributaryProperties tributary = new TributaryProperties();
        change.accept(tributary);
        Violations out = new Violations();
        AccessRules.check(tributary, out);
        return out.toList();
    }

    @Test
    void the_defaults_are_valid_and_api_auth_is_off() {
        assertThat(violations(t -> { })).isEmpty();
        assertThat(new TributaryProperties().getApiAuth().isEnabled()).isFalse();
    }

    @Test
    void an_empty_console_username_is_refused() {
        assertThat(violations(t -> t.getConsole().setUsername(" "))).singleElement()
                .extracting(SettingsViolation::key).isEqualTo("tributary.console.username");
    }

    @Test
    void a_console_password_with_the_bcrypt_prefix_must_be_a_whole_hash_and_is_not_echoed() {
        List<SettingsViolation> found = violations(t -> t.getConsole().setPassword(Secret.of("{bcrypt}hunter2")));

        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.key()).isEqualTo("tributary.console.password");
            assertThat(v.toString()).doesNotContain("hunter2");
            assertThat(v.message()).contains("is not a bcrypt hash");
        });
    }

    @Test
    void a_console_password_that_is_a_bcrypt_hash_is_valid() {
        assertThat(violations(t -> t.getConsole().setPassword(Secret.of(
                "{bcrypt}$2a$10$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy.fqvM/BG")))).isEmpty();
    }

    @Test
    void api_auth_enabled_without_any_credential_is_refused() {
        assertThat(violations(t -> t.getApiAuth().setEnabled(true))).singleElement().satisfies(v -> {
            assertThat(v.key()).isEqualTo("tributary.api-auth.enabled");
            assertThat(v.message()).isEqualTo("tributary.api-auth.enabled is true but no credential is set: set"
                    + " tributary.api-auth.username and tributary.api-auth.password, tributary.api-auth.bearer-token,"
                    + " or tributary.api-auth.tenants.<tenant>.password or .bearer-token");
        });
    }

    @Test
    void a_shared_username_without_password_is_refused() {
        assertThat(violations(t -> t.getApiAuth().setUsername("prometheus-eu"))).singleElement()
                .extracting(SettingsViolation::message).isEqualTo("tributary.api-auth.password is empty but"
                        + " tributary.api-auth.username is set: set both for a shared basic-auth credential, or neither");
    }

    @Test
    void a_tenant_without_credential_is_refused() {
        assertThat(violations(t -> t.getApiAuth().getTenants().put("team-a", new ApiAuthSettings.TenantCredentials())))
                .singleElement().extracting(SettingsViolation::key).isEqualTo("tributary.api-auth.tenants.team-a");
    }

    @Test
    void api_passwords_are_plain_because_bcrypt_on_every_push_would_be_too_slow() {
        List<SettingsViolation> found = violations(t -> {
            ApiAuthSettings.TenantCredentials team = new ApiAuthSettings.TenantCredentials();
            team.setPassword(Secret.of("{bcrypt}$2a$10$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy.fqvM/BG"));
            t.getApiAuth().getTenants().put("team-a", team);
        });
        assertThat(found).singleElement().extracting(SettingsViolation::key)
                .isEqualTo("tributary.api-auth.tenants.team-a.password");
    }
}
