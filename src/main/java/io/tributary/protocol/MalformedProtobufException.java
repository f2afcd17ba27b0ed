package io.tributary.protocol;

/**
 * Thrown when bytes that should hold a protobuf message cannot be parsed (truncated, bad wire type, bad length).
 *
 * <p>Unchecked so the scanning loops stay free of {@code throws} noise; callers at the edge (the ingest
 * façade, the record decoder's users) translate it into their own checked error.
 */
public class MalformedProtobufException extends RuntimeException {

    private final String reason;

    public MalformedProtobufException(String reason, String message) {
        super(message, null, false, false); // no stack trace: garbage input is an expected, frequent event
        this.reason = reason;
    }

    /** A short, stable identifier of what was wrong, e.g. {@code truncated} or {@code invalid-wire-type}. */
    public String reason() {
        return reason;
    }
}
