package io.tributary.storage.bucket;

/** How the bucket name goes into an S3 request (Mimir's {@code bucket-lookup-type}). */
public enum BucketLookup {

    /** Path style when an endpoint is set (S3-compatible stores such as MinIO), virtual-hosted style on AWS. */
    AUTO,

    /** {@code https://bucket.endpoint/key}, as AWS prefers. */
    VIRTUAL_HOSTED,

    /** {@code https://endpoint/bucket/key}, which every S3-compatible store understands. */
    PATH
}
