package io.tributary.query;

/** A query could not get the read consistency it asked for (timeout, offsets unreadable): answered with 503. */
public class ReadConsistencyException extends Exception {

    public ReadConsistencyException(String message) {
        super(message);
    }

    public ReadConsistencyException(String message, Throwable cause) {
        super(message, cause);
    }
}
