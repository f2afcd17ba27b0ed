package io.tributary.kafka;

import java.io.IOException;

/**
 * A credential source (file or Unix-socket callback) could not supply credentials. The message names the
 * setting to fix and never quotes what the source returned, since that may hold a token.
 * <p>
 * An {@link IOException} because that is what Kafka's SASL client passes on from a callback handler: it
 * becomes the cause of the {@code SaslAuthenticationException} the client reports, where
 * {@link KafkaFailureExplainer} finds it again.
 */
public final class CredentialsUnavailableException extends IOException {

    public CredentialsUnavailableException(String message) {
        super(message);
    }

    public CredentialsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
