package io.tributary.ingest;

/**
 * The request body cannot be decoded as the announced protobuf message, so it is rejected as a whole (HTTP 400).
 */
public class MalformedRequestException extends Exception {

    private final String reason;

    public MalformedRequestException(String reason, String message) {
        super(message, null, false, false); // expected on bad input: skip the stack trace
        this.reason = reason;
    }

    /** Short stable identifier, e.g. {@code truncated}, {@code invalid-wire-type}, {@code symbols-first-not-empty}. */
    public String reason() {
        return reason;
    }
}
