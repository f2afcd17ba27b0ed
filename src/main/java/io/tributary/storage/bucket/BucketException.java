package io.tributary.storage.bucket;

/**
 * A bucket operation that failed: the message names the operation, the key and the bucket (as
 * {@link Bucket#describe()} renders it) and the store's reason, never a credential.
 */
public class BucketException extends RuntimeException {

    public BucketException(String message, Throwable cause) {
        super(message, cause);
    }

    public BucketException(String message) {
        super(message);
    }
}
