package io.tributary.config;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * A credential that masks itself: {@link #toString()} (and so every log line, template and
 * actuator JSON document that renders it) shows {@value #MASK}; only {@link #reveal()} hands out the value,
 * and only code that builds client configuration (Kafka's, the blocks bucket's) calls it.
 */
public final class Secret {

    /** What a set secret looks like wherever it is rendered. */
    public static final String MASK = "******";

    private static final Secret EMPTY = new Secret("");

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** A secret holding the given value; null and "" both mean "not set". */
    public static Secret of(String value) {
        return value == null || value.isEmpty() ? EMPTY : new Secret(value);
    }

    /** The "not set" secret. */
    public static Secret empty() {
        return EMPTY;
    }

    /** The clear-text value. Call it only where the value must leave this type (Kafka or S3 client config). */
    public String reveal() {
        return value;
    }

    public boolean isSet() {
        return !value.isEmpty();
    }

    /** The masked rendering used by logs, templates and JSON; empty stays empty so "unset" is visible. */
    @JsonValue
    @Override
    public String toString() {
        return isSet() ? MASK : "";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }
}
