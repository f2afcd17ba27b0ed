package io.tributary.kafka;

/**
 * Where AWS_MSK_IAM credentials come from: the static settings, a JSON file or a Unix-socket callback. Asked at
 * every (re)authentication, so the file and the socket are read anew each time.
 */
interface MskIamCredentialSource {

    /** The credentials to sign this authentication with; the exception's message names the setting to fix. */
    MskIamCredentials fetch() throws CredentialsUnavailableException;
}
