package io.tributary.kafka;

import java.nio.file.Path;

/**
 * {@code ingest-storage.kafka.sasl-msk-iam-file-path}: the JSON file is read at every (re)authentication, so keys
 * rotated out of band are used without a restart. Rotate by writing a new file and renaming it over the old one.
 */
final class MskIamFileSource implements MskIamCredentialSource {

    static final String KEY = "ingest-storage.kafka.sasl-msk-iam-file-path";

    private final Path file;

    MskIamFileSource(Path file) {
        this.file = file;
    }

    @Override
    public MskIamCredentials fetch() throws CredentialsUnavailableException {
        String json = CredentialSources.readFile(file, KEY, "the AWS credentials");
        return MskIamCredentials.fromJson(json, KEY + " " + file);
    }
}
