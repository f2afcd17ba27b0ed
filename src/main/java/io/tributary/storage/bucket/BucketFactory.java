package io.tributary.storage.bucket;

/** Opens the {@link Bucket} a {@link BucketConfig} describes. */
public final class BucketFactory {

    private BucketFactory() {
    }

    /** A new bucket client; the caller closes it. */
    public static Bucket open(BucketConfig config) {
        if (config instanceof FilesystemBucketConfig filesystem) {
            return new FilesystemBucket(filesystem.root());
        }
        if (config instanceof S3BucketConfig s3) {
            return new S3Bucket(s3);
        }
        throw new IllegalArgumentException("unknown bucket configuration " + config);
    }
}
