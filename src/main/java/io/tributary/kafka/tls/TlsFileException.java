package io.tributary.kafka.tls;

import org.apache.kafka.common.KafkaException;

/**
 * A TLS file named by a setting cannot be used (missing, unreadable, not PEM, wrong key form). Thrown while a
 * Kafka client is built, so the client never starts; the message names the setting and the path, never the
 * file's content.
 */
public class TlsFileException extends KafkaException {

    private final String setting;

    TlsFileException(String setting, String message, Throwable cause) {
        super(message, cause);
        this.setting = setting;
    }

    TlsFileException(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    /** The full key of the setting to fix, e.g. {@code ingest-storage.kafka.tls-ca-path}. */
    public String setting() {
        return setting;
    }
}
