package io.tributary.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.SaslExtensionsCallback;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerTokenCallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OAuthBearerSourceCallbackHandlerTest {

    @TempDir
    Path dir;

    private OAuthBearerSourceCallbackHandler handlerFor(Path file) {
        OAuthBearerSourceCallbackHandler handler = new OAuthBearerSourceCallbackHandler();
        handler.configure(Map.of(), "OAUTHBEARER", List.of(new AppConfigurationEntry(ClientSecurity.OAUTHBEARER_LOGIN_MODULE,
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                Map.of(OAuthBearerSourceCallbackHandler.FILE_PATH_OPTION, file.toString()))));
        return handler;
    }

    /** One authentication as Kafka's SASL client runs it: token first, then the extensions. */
    private static OAuthBearerTokenCallback authenticate(OAuthBearerSourceCallbackHandler handler,
            SaslExtensionsCallback extensions) throws Exception {
        OAuthBearerTokenCallback token = new OAuthBearerTokenCallback();
        handler.handle(new Callback[] {token});
        handler.handle(new Callback[] {extensions});
        return token;
    }

    @Test
    void everyAuthenticationReadsTheFileAnew() throws Exception {
        Path file = Files.writeString(dir.resolve("token.json"), "{\"token\":\"first.jwt.sig\",\"zid\":\"ingest\"}");
        OAuthBearerSourceCallbackHandler handler = handlerFor(file);

        SaslExtensionsCallback extensions = new SaslExtensionsCallback();
        OAuthBearerTokenCallback first = authenticate(handler, extensions);
        Files.writeString(file, "{\"token\":\"second.jwt.sig\",\"extensions\":{\"logicalCluster\":\"lkc-9\"}}");
        SaslExtensionsCallback secondExtensions = new SaslExtensionsCallback();
        OAuthBearerTokenCallback second = authenticate(handler, secondExtensions);

        assertThat(first.token().value()).isEqualTo("first.jwt.sig");
        assertThat(first.token().principalName()).isEqualTo("ingest");
        assertThat(extensions.extensions().map()).isEmpty();
        assertThat(second.token().value()).isEqualTo("second.jwt.sig");
        assertThat(secondExtensions.extensions().map()).isEqualTo(Map.of("logicalCluster", "lkc-9"));
        assertThat(second.token().toString()).doesNotContain("second.jwt.sig");
    }

    @Test
    void aFileThatDisappearedFailsTheAuthenticationNamingTheSetting() throws Exception {
        Path file = dir.resolve("gone.json");
        OAuthBearerSourceCallbackHandler handler = handlerFor(file);

        assertThatThrownBy(() -> handler.handle(new Callback[] {new OAuthBearerTokenCallback()}))
                .isInstanceOf(CredentialsUnavailableException.class)
                .hasMessage("ingest-storage.kafka.sasl-oauthbearer-file-path " + file + " does not exist: create it with "
                        + "the OAUTHBEARER credentials as JSON, or point ingest-storage.kafka.sasl-oauthbearer-file-path "
                        + "at the file that holds them");
    }
}
