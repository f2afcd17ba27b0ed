package io.tributary.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.support.UnixSocketCredentialsServer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class CredentialSourcesTest {

    private static Path socketPath() throws Exception {
        return Files.createTempDirectory("oauth-socket").resolve("credentials.sock");
    }

    @Test
    void a200AnswerCarriesTheCredentials() throws Exception {
        try (UnixSocketCredentialsServer server = new UnixSocketCredentialsServer(socketPath())) {
            server.answer("{\"token\":\"eyJ.from-socket.sig\",\"zid\":\"ingest\"}");

            OAuthBearerCredentials credentials = socketSource(server.path(), Duration.ofSeconds(2)).fetch();

            assertThat(credentials.token().reveal()).isEqualTo("eyJ.from-socket.sig");
            assertThat(credentials.zid()).isEqualTo("ingest");
        }
    }

    @Test
    void anyOtherStatusIsAnErrorThatDoesNotQuoteTheBody() throws Exception {
        try (UnixSocketCredentialsServer server = new UnixSocketCredentialsServer(socketPath())) {
            server.answer(403, "{\"token\":\"eyJ.leaked-in-error-page.sig\"}");

            assertThatThrownBy(() -> socketSource(server.path(), Duration.ofSeconds(2)).fetch())
                    .isInstanceOf(CredentialsUnavailableException.class)
                    .hasMessage("the credentials server on ingest-storage.kafka.sasl-oauthbearer-http-socket-path "
                            + server.path() + " answered GET / with HTTP status 403 instead of 200");
        }
    }

    @Test
    void aBodyThatIsNotTheJsonShapeNamesTheSocketSetting() throws Exception {
        try (UnixSocketCredentialsServer server = new UnixSocketCredentialsServer(socketPath())) {
            server.answer("token=eyJ.plain-text.sig");

            assertThatThrownBy(() -> socketSource(server.path(), Duration.ofSeconds(2)).fetch())
                    .hasMessageContaining("ingest-storage.kafka.sasl-oauthbearer-http-socket-path")
                    .hasMessageContaining("not valid JSON")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("plain-text"));
        }
    }

    @Test
    void aServerThatDoesNotAnswerTimesOutNamingTheTimeoutSetting() throws Exception {
        Path path = socketPath();
        // Bound but never accepting: the connect succeeds (backlog), the answer never comes.
        try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.bind(UnixDomainSocketAddress.of(path));

            assertThatThrownBy(() -> socketSource(path, Duration.ofMillis(300)).fetch())
                    .hasMessageContaining("did not answer GET / within 300 ms")
                    .hasMessageContaining("ingest-storage.kafka.sasl-oauthbearer-http-socket-timeout");
        } finally {
            Files.deleteIfExists(path);
        }
    }

    /** The OAUTHBEARER socket source as the callback handler builds it. */
    private static CredentialSource<OAuthBearerCredentials> socketSource(Path socket, Duration timeout) {
        return CredentialSources.socket(socket, timeout, OAuthBearerSourceCallbackHandler.SOCKET_KEY,
                OAuthBearerSourceCallbackHandler.SOCKET_TIMEOUT_KEY, OAuthBearerCredentials::fromJson);
    }
}
