package io.tributary.kafka;

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
        String json = CredentialSources.getOverSocket(socket, timeout, KEY, TIMEOUT_KEY);
        return OAuthBearerCredentials.fromJson(json, KEY + " " + socket);
    }
}
