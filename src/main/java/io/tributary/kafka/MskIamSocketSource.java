package io.tributary.kafka;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code ingest-storage.kafka.sasl-msk-iam-http-socket-path}: at every (re)authentication, {@code GET /} over the
 * Unix domain socket; a 200 answer carries the credentials JSON, anything else is an authentication error.
 */
final class MskIamSocketSource implements MskIamCredentialSource {

    static final String KEY = "ingest-storage.kafka.sasl-msk-iam-http-socket-path";
    static final String TIMEOUT_KEY = "ingest-storage.kafka.sasl-msk-iam-http-socket-timeout";

    private final Path socket;
    private final Duration timeout;

    MskIamSocketSource(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    @Override
    public MskIamCredentials fetch() throws CredentialsUnavailableException {
        String json = CredentialSources.getOverSocket(socket, timeout, KEY, TIMEOUT_KEY);
        return MskIamCredentials.fromJson(json, KEY + " " + socket);
    }
}
