package io.tributary.kafka;

import java.nio.file.Path;

/**
 * {@code ingest-storage.kafka.sasl-oauthbearer-file-path}: the JSON file is read again at every (re)authentication,
 * so a token rotated out of band is picked up without a restart. Rotate by writing a new file and renaming it
 * over the old one, so no reader ever sees half a file.
 */
final class OAuthBearerFileSource implements OAuthBearerCredentialSource {

    static final String KEY = "ingest-storage.kafka.sasl-oauthbearer-file-path";

    private final Path file;

    OAuthBearerFileSource(Path file) {
        this.file = file;
    }

    @Override
    public OAuthBearerCredentials fetch() throws CredentialsUnavailableException {
        String json = CredentialSources.readFile(file, KEY, "the OAUTHBEARER credentials");
        return OAuthBearerCredentials.fromJson(json, KEY + " " + file);
    }
}
