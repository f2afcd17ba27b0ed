package io.tributary.query;

/** A query the client got wrong (bad parameter, selector, header or body): answered with 400 and the message. */
public class InvalidQueryException extends RuntimeException {

    public InvalidQueryException(String message) {
        super(message, null, false, false);
    }
}
