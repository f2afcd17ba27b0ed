package io.tributary.kafka;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
        String json;
        try {
            json = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new CredentialsUnavailableException(KEY + " " + file + " does not exist: create it with the "
                    + "OAUTHBEARER credentials as JSON, or point " + KEY + " at the file that holds them");
        } catch (AccessDeniedException e) {
            throw new CredentialsUnavailableException(KEY + " " + file + " is not readable by this process: fix its "
                    + "permissions");
        } catch (IOException e) {
            throw new CredentialsUnavailableException(KEY + " " + file + " cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        return OAuthBearerCredentials.fromJson(json, KEY + " " + file);
    }
}
