package io.tributary.config;

/**
 * One setting that Tributary cannot run with: its full kebab key (as flags and the settings file spell it),
 * the offending value rendered for humans (secrets masked, durations as {@code 10s}) and a message that names
 * the key, the problem and what is allowed.
 *
 * @param key     the full key, e.g. {@code ingest-storage.kafka.sasl-password}
 * @param value   the offending value; secrets are masked, "" when the problem is that it is unset
 * @param message one self-contained sentence, in Mimir's and Kafka's {@code ConfigDef} style
 */
public record SettingsViolation(String key, String value, String message) {

    @Override
    public String toString() {
        return message;
    }
}
