package io.tributary.tenant;

import io.tributary.config.TributaryProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantResolverTest {

    private final TributaryProperties settings = new TributaryProperties();
    private final TenantResolver resolver = new TenantResolver(settings);

    @Test
    void theTenantIsTheOrgIdHeader() {
        assertThat(resolver.resolve("team-a")).isEqualTo("team-a");
    }

    @Test
    void aMissingHeaderIsUnauthorizedWhileMultitenancyIsOn() {
        assertThatThrownBy(() -> resolver.resolve(null))
                .isInstanceOfSatisfying(TenantResolver.TenantException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("X-Scope-OrgID");
    }

    @ParameterizedTest(name = "tenant id ''{0}'' is refused with 400")
    @ValueSource(strings = {"team a", "team/a", "..", ".", "tenant|other", "ünïcode"})
    void invalidTenantIdsAreBadRequests(String tenant) {
        assertThatThrownBy(() -> resolver.resolve(tenant))
                .isInstanceOfSatisfying(TenantResolver.TenantException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void aTenantIdLongerThan150CharactersIsRefused() {
        assertThatThrownBy(() -> resolver.resolve("t".repeat(151)))
                .hasMessageContaining("longer than 150");
        assertThat(resolver.resolve("t".repeat(150))).hasSize(150);
    }

    @Test
    void withoutTheHeaderTheBasicAuthUsernameIsTheTenant() {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("team-c:anything".getBytes());
        assertThat(resolver.resolve(null, basic)).isEqualTo("team-c");
        assertThat(resolver.resolve("team-a", basic)).as("the header wins").isEqualTo("team-a");
    }

    @Test
    void basicAuthTenantsCanBeTurnedOff() {
        settings.setBasicAuthTenantEnabled(false);
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("team-c:anything".getBytes());
        assertThatThrownBy(() -> resolver.resolve(null, basic))
                .isInstanceOfSatisfying(TenantResolver.TenantException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void withMultitenancyOffEveryWriteGoesToTheNoAuthTenant() {
        settings.setMultitenancyEnabled(false);
        assertThat(resolver.resolve(null)).isEqualTo("anonymous");
        assertThat(resolver.resolve("team-b")).isEqualTo("anonymous");
    }
}
