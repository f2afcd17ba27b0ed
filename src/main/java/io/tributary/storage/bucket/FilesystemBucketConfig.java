package io.tributary.storage.bucket;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@link FilesystemBucket} rooted at a directory.
 *
 * @param root the directory that holds the objects; created when missing
 */
public record FilesystemBucketConfig(Path root) implements BucketConfig {

    public FilesystemBucketConfig {
        Objects.requireNonNull(root, "root");
    }
}
