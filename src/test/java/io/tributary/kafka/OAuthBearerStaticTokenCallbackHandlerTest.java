package io.tributary.kafka;

import org.apache.kafka.common.security.auth.SaslExtensionsCallback;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerTokenCallback;
import org.junit.jupiter.api.Test;

import javax.security.auth.callback.Callback;
import javax.security.auth.login.AppConfigurationEntry;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OAuthBearerStaticTokenCallbackHandlerTest {

    private static List<AppConfigurationEntry> jaas(Map<String, String> options) {
        return List.of(new AppConfigurationEntry(ClientSecurity.OAUTHBEARER_LOGIN_MODULE,
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options));
    }

    @Test
    void handsOutTheStaticTokenAndItsExtensions() throws Exception {
        OAuthBearerStaticTokenCallbackHandler handler = new OAuthBearerStaticTokenCallbackHandler();
        handler.configure(Map.of(), "OAUTHBEARER", jaas(Map.of("token", "eyJhbGciOi.token.sig",
                "extensions", "{\"logicalCluster\":\"lkc-123\"}")));
        OAuthBearerTokenCallback token = new OAuthBearerTokenCallback();
        SaslExtensionsCallback extensions = new SaslExtensionsCallback();

        handler.handle(new Callback[] {token, extensions});

        assertThat(token.token().value()).isEqualTo("eyJhbGciOi.token.sig");
        assertThat(token.token().lifetimeMs()).isGreaterThan(System.currentTimeMillis());
        assertThat(token.token().toString()).doesNotContain("token.sig");
        assertThat(extensions.extensions().map()).isEqualTo(Map.of("logicalCluster", "lkc-123"));
    }

    @Test
    void refusesExtensionsThatAreNotAJsonObjectOfStrings() {
        OAuthBearerStaticTokenCallbackHandler handler = new OAuthBearerStaticTokenCallbackHandler();
        assertThatThrownBy(() -> handler.configure(Map.of(), "OAUTHBEARER", jaas(Map.of("token", "t", "extensions", "[1,2]"))))
                .hasMessageContaining("sasl-oauthbearer-extensions is not a JSON object of strings");
    }
}
