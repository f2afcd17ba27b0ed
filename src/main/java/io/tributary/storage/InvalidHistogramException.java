package io.tributary.storage;

/**
 * A native histogram that cannot be decoded (bytes that are not a protobuf {@code Histogram} message) or that
 * cannot be stored faithfully (say, spans describing more buckets than the message has counts). The message names
 * the field and what is wrong with it.
 */
public final class InvalidHistogramException extends IllegalArgumentException {
    public InvalidHistogramException(String message) {
        super(message);
    }
}
