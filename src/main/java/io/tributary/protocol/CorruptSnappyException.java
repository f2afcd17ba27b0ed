package io.tributary.protocol;

/** The body is not a valid snappy block (the HTTP layer answers 400). */
public class CorruptSnappyException extends Exception {

    public CorruptSnappyException(String message) {
        super(message, null, false, false);
    }
}
