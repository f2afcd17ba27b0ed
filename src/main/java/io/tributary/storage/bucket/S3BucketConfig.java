package io.tributary.storage.bucket;

import java.util.Objects;

/**
 * An {@link S3Bucket}: Mimir's {@code blocks-storage.s3.*} settings as plain values. {@link #toString()} masks the
 * secret key and session token, so logging this record never leaks them.
 *
 * @param endpoint        host[:port] of an S3-compatible store, without scheme; "" for AWS's regional endpoint
 * @param bucketName      the bucket
 * @param region          the bucket's region, which requests are signed for; "" means us-east-1, which is what
 *                        S3-compatible stores expect (set it for AWS)
 * @param accessKeyId     static access key id; "" (with an empty secret) uses the AWS default credential chain
 * @param secretAccessKey static secret access key
 * @param sessionToken    session token of temporary static credentials; "" when the keys are long-lived
 * @param insecure        plain http instead of https to the endpoint
 * @param lookup          path or virtual-hosted addressing of the bucket
 */
public record S3BucketConfig(String endpoint, String bucketName, String region, String accessKeyId,
                             String secretAccessKey, String sessionToken, boolean insecure, BucketLookup lookup)
        implements BucketConfig {

    private static final String MASK = "******";

    public S3BucketConfig {
        endpoint = Objects.requireNonNullElse(endpoint, "").trim();
        bucketName = Objects.requireNonNullElse(bucketName, "").trim();
        region = Objects.requireNonNullElse(region, "").trim();
        accessKeyId = Objects.requireNonNullElse(accessKeyId, "");
        secretAccessKey = Objects.requireNonNullElse(secretAccessKey, "");
        sessionToken = Objects.requireNonNullElse(sessionToken, "");
        lookup = Objects.requireNonNullElse(lookup, BucketLookup.AUTO);
    }

    /** Path-style addressing: asked for, or {@link BucketLookup#AUTO} with an endpoint (an S3-compatible store). */
    public boolean pathStyle() {
        return lookup == BucketLookup.PATH || (lookup == BucketLookup.AUTO && !endpoint.isEmpty());
    }

    /** True when the access key pair is given; otherwise the AWS default credential chain is asked. */
    public boolean staticCredentials() {
        return !accessKeyId.isEmpty() && !secretAccessKey.isEmpty();
    }

    @Override
    public String toString() {
        return "S3BucketConfig[endpoint=" + endpoint + ", bucketName=" + bucketName + ", region=" + region
                + ", accessKeyId=" + accessKeyId + ", secretAccessKey=" + masked(secretAccessKey)
                + ", sessionToken=" + masked(sessionToken) + ", insecure=" + insecure + ", lookup=" + lookup + "]";
    }

    private static String masked(String secret) {
        return secret.isEmpty() ? "" : MASK;
    }
}
