package io.tributary.kafka;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code ingest-storage.kafka.sasl-oauthbearer-http-socket-path}: at every (re)authentication, {@code GET /} over the
 * Unix domain socket; a 200 answer carries the credentials JSON, anything else is an authentication error. The
 * credentials never touch the disk and the helper behind the socket decides their lifetime.
 */
final class OAuthBearerSocketSource implements OAuthBearerCredentialSource {

    static final String KEY = "ingest-storage.kafka.sasl-oauthbearer-http-socket-path";
    static final String TIMEOUT_KEY = "ingest-storage.kafka.sasl-oauthbearer-http-socket-timeout";

    private final Path socket;
    private final Duration timeout;

    OAuthBearerSocketSource(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    @Override
    public OAuthBearerCredentials fetch() throws CredentialsUnavailableException {
        UnixSocketHttpGet.Response response;
        try {
            response = UnixSocketHttpGet.get(socket, "/", timeout);
        } catch (SocketTimeoutException e) {
            throw new CredentialsUnavailableException("the credentials server on " + KEY + " " + socket
                    + " did not answer GET / within " + timeout.toMillis() + " ms (" + TIMEOUT_KEY + ")");
        } catch (IOException e) {
            throw new CredentialsUnavailableException("nothing answers on " + KEY + " " + socket + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "): start the credentials server, or fix the path");
        }
        if (response.status() != 200) {
            // The body is not quoted: an error page of a credentials helper may still echo secrets.
            throw new CredentialsUnavailableException("the credentials server on " + KEY + " " + socket
                    + " answered GET / with HTTP status " + response.status() + " instead of 200");
        }
        return OAuthBearerCredentials.fromJson(response.body(), KEY + " " + socket);
    }
}
