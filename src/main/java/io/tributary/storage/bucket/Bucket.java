package io.tributary.storage.bucket;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An object store holding blocks: flat keys with '/' as the separator (as in S3), whole-object writes that replace
 * what was there, and no partial objects visible to readers. Every failure is a {@link BucketException} naming the
 * key and the bucket, and never a credential.
 *
 * <p>Keys are relative ({@code tenant/01J.../meta.json}): no leading '/', no empty, "." or ".." segments.
 */
public interface Bucket extends AutoCloseable {

    /** Stores the file's content under {@code key}, replacing any object already there. */
    void upload(String key, Path file);

    /** Stores {@code content} under {@code key}, replacing any object already there. */
    void upload(String key, byte[] content);

    /** True when an object is stored under {@code key}. */
    boolean exists(String key);

    /** The whole object; {@link ObjectNotFoundException} when there is none. */
    byte[] get(String key);

    /** A stream over the object, which the caller closes; {@link ObjectNotFoundException} when there is none. */
    InputStream open(String key);

    /** Every key that starts with {@code prefix} (not only the next level), in ascending order; "" lists all. */
    List<String> list(String prefix);

    /**
     * When the object was last written (for a block's {@code meta.json}, uploaded last, the block's upload time);
     * empty when the object does not exist or the store does not say.
     */
    default Optional<Instant> lastModified(String key) {
        return Optional.empty();
    }

    /** Removes the object; removing a key that holds nothing is not an error (as in S3). */
    void delete(String key);

    /** Where this bucket is, for logs and messages, e.g. {@code s3://blocks at minio:9000}; never a credential. */
    String describe();

    /** Releases connections; the bucket is not used afterwards. */
    @Override
    void close();
}
