package io.tributary.config;

/** How the bucket name goes into S3 requests ({@code blocks-storage.s3.bucket-lookup-type}), as in Mimir. */
public enum S3BucketLookupType {
    /** Path style when an endpoint is set (S3-compatible stores), virtual-hosted style on AWS. */
    AUTO,
    /** {@code bucket.endpoint/key}. */
    VIRTUAL_HOSTED,
    /** {@code endpoint/bucket/key}. */
    PATH
}
