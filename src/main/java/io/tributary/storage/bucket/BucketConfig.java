package io.tributary.storage.bucket;

/** Where a {@link Bucket} is and how to reach it: one record per backend, opened by {@link BucketFactory}. */
public sealed interface BucketConfig permits FilesystemBucketConfig, S3BucketConfig {
}
