package io.tributary.kafka;

/** Where OAUTHBEARER credentials come from when they may change while Tributary runs (file, Unix socket). */
interface OAuthBearerCredentialSource {

    /** Fetches the credentials anew; called at every authentication and re-authentication of a connection. */
    OAuthBearerCredentials fetch() throws CredentialsUnavailableException;
}
