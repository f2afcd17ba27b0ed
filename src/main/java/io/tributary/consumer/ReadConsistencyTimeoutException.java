package io.tributary.consumer;

/** A strong read could not be served because the owned partitions were not consumed far enough in time. */
public class ReadConsistencyTimeoutException extends Exception {
    public ReadConsistencyTimeoutException(String message) {
        super(message);
    }
}
