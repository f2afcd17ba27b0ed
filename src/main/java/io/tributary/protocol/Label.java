package io.tributary.protocol;

/** One label name/value pair of a decoded record. */
public record Label(String name, String value) {
}
