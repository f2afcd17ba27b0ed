package io.tributary.config;

import java.time.Duration;

import static io.tributary.config.Violations.isSet;
import static io.tributary.config.Violations.shown;

/** Checks the {@code blocks-storage.*} settings: the backend and its bucket, credentials, and the TSDB's periods. */
final class BlocksStorageRules {

    private static final String S3 = "blocks-storage.s3.";
    private static final String TSDB = "blocks-storage.tsdb.";

    private BlocksStorageRules() {
    }

    static void check(BlocksStorageProperties blocksStorage, Violations out) {
        if (blocksStorage.getBackend() == null) {
            out.add("blocks-storage.backend", null, "blocks-storage.backend is empty: allowed values are filesystem"
                    + " and s3");
        } else if (blocksStorage.getBackend() == BlocksBackend.S3) {
            // Like Mimir, the S3 settings are checked only when S3 is the backend: they may sit unused beside it.
            s3(blocksStorage.getS3(), out);
        }
        tsdb(blocksStorage.getTsdb(), out);
    }

    private static void s3(BlocksStorageProperties.S3 s3, Violations out) {
        String needs = " but blocks-storage.backend is s3: ";
        if (!isSet(s3.getBucketName())) {
            out.add(S3 + "bucket-name", s3.getBucketName(), S3 + "bucket-name is empty" + needs
                    + "set the bucket that holds the blocks");
        }
        String endpoint = s3.getEndpoint();
        if (!isSet(endpoint) && !isSet(s3.getRegion())) {
            out.add(S3 + "endpoint", endpoint, S3 + "endpoint and " + S3 + "region are both empty" + needs
                    + "set the endpoint (host[:port]) of an S3-compatible store, or the region of an AWS bucket");
        } else if (isSet(endpoint) && endpoint.contains("://")) {
            out.add(S3 + "endpoint", endpoint, S3 + "endpoint is " + endpoint + ": write host[:port] without a"
                    + " scheme, e.g. minio.storage:9000 (set " + S3 + "insecure=true for http)");
        } else if (isSet(endpoint) && endpoint.contains("/")) {
            out.add(S3 + "endpoint", endpoint, S3 + "endpoint is " + endpoint + ": write host[:port] without a"
                    + " path, e.g. minio.storage:9000; the bucket goes in " + S3 + "bucket-name");
        }
        boolean keyId = isSet(s3.getAccessKeyId());
        boolean secret = isSet(s3.getSecretAccessKey());
        String both = ": set both for static credentials, or neither to use the AWS default credential chain";
        if (keyId && !secret) {
            out.add(S3 + "access-key-id", s3.getAccessKeyId(), S3 + "access-key-id is set but " + S3
                    + "secret-access-key is empty" + both);
        } else if (secret && !keyId) {
            out.add(S3 + "secret-access-key", s3.getSecretAccessKey(), S3 + "secret-access-key is set but " + S3
                    + "access-key-id is empty" + both);
        } else if (!keyId && isSet(s3.getSessionToken())) {
            out.add(S3 + "session-token", s3.getSessionToken(), S3 + "session-token is set but " + S3
                    + "access-key-id and " + S3 + "secret-access-key are empty: a session token goes with a static"
                    + " key pair; set the pair, or remove the token to use the AWS default credential chain");
        }
        if (s3.getBucketLookupType() == null) {
            out.add(S3 + "bucket-lookup-type", null, S3 + "bucket-lookup-type is empty: allowed values are auto,"
                    + " virtual-hosted and path");
        }
    }

    private static void tsdb(BlocksStorageProperties.Tsdb tsdb, Violations out) {
        Duration range = tsdb.getBlockRangesPeriod();
        boolean rangeValid = false;
        if (range == null || range.compareTo(Duration.ofSeconds(1)) < 0) {
            out.add(TSDB + "block-ranges-period", range, TSDB + "block-ranges-period is " + shown(range)
                    + ": must be at least 1s, e.g. 2h");
        } else if (range.getNano() != 0) {
            out.add(TSDB + "block-ranges-period", range, TSDB + "block-ranges-period is " + shown(range)
                    + ": must be a whole number of seconds, e.g. 2h");
        } else {
            rangeValid = true;
        }
        Duration retention = tsdb.getRetentionPeriod();
        if (retention == null || retention.isZero() || retention.isNegative()) {
            out.positive(TSDB + "retention-period", retention);
        } else if (rangeValid && retention.compareTo(range) < 0) {
            out.add(TSDB + "retention-period", retention, TSDB + "retention-period is " + shown(retention) + " but "
                    + TSDB + "block-ranges-period is " + shown(range) + ": must be at least one block range, or"
                    + " blocks would leave the ingester before they are complete, e.g. 13h");
        }
        out.notNegative(TSDB + "ship-interval", tsdb.getShipInterval(), "shipping off");
    }
}
