package io.tributary.kafka;

/**
 * Where SASL credentials come from when they may change while Tributary runs: a file or a Unix-socket helper
 * ({@link CredentialSources}), or the AWS default chain. Asked at every authentication and re-authentication
 * of a connection.
 *
 * @param <T> the mechanism's credentials
 */
@FunctionalInterface
interface CredentialSource<T> {

    /** The credentials to authenticate with now; the exception's message names the setting to fix. */
    T fetch() throws CredentialsUnavailableException;

    /** Turns what a file or socket returned into credentials, naming {@code source} in any error. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String json, String source) throws CredentialsUnavailableException;
    }
}
