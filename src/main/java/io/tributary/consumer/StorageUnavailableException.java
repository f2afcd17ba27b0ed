package io.tributary.consumer;

/** Storage could not take a record for a reason that is not the record's fault; the reader retries it. */
public class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
