package io.tributary.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code blocks-storage.*} settings: where ingesters keep their TSDB and where they ship its blocks, under
 * Mimir's names and with Mimir's defaults. Only the filesystem and S3 backends are offered.
 */
@ConfigurationProperties("blocks-storage")
public class BlocksStorageProperties {

    /** Backend that completed blocks are shipped to: filesystem or s3. */
    private BlocksBackend backend = BlocksBackend.FILESYSTEM;

    /** The filesystem backend. */
    private Filesystem filesystem = new Filesystem();

    /** The S3 backend. */
    private S3 s3 = new S3();

    /** The ingesters' local TSDB: directory, block range, shipping and local retention. */
    private Tsdb tsdb = new Tsdb();

    public BlocksBackend getBackend() {
        return backend;
    }

    public void setBackend(BlocksBackend backend) {
        this.backend = backend;
    }

    public Filesystem getFilesystem() {
        return filesystem;
    }

    public void setFilesystem(Filesystem filesystem) {
        this.filesystem = filesystem;
    }

    public S3 getS3() {
        return s3;
    }

    public void setS3(S3 s3) {
        this.s3 = s3;
    }

    public Tsdb getTsdb() {
        return tsdb;
    }

    public void setTsdb(Tsdb tsdb) {
        this.tsdb = tsdb;
    }

    /**
     * A directory setting, or {@code <dataDir>/<name>} when it is empty: all state lives under
     * {@code tributary.data-dir} unless the operator says otherwise. A set path is taken as it is (relative paths
     * against the working directory, as in Mimir).
     */
    static Path resolve(String dir, Path dataDir, String name) {
        return dir == null || dir.isBlank() ? dataDir.resolve(name) : Path.of(dir);
    }

    /** The {@code blocks-storage.filesystem.*} settings. */
    public static class Filesystem {

        /** Directory that the filesystem backend stores blocks in; empty = {@code <tributary.data-dir>/blocks}. */
        private String dir = "";

        public String getDir() {
            return dir;
        }

        public void setDir(String dir) {
            this.dir = dir;
        }

        /** The directory to use: {@code dir}, or {@code <dataDir>/blocks} when it is empty. */
        public Path resolvedDir(Path dataDir) {
            return resolve(dir, dataDir, "blocks");
        }
    }

    /** The {@code blocks-storage.s3.*} settings. */
    public static class S3 {

        /** S3 endpoint as host[:port], without scheme (see insecure); empty = AWS's endpoint for the region. */
        private String endpoint = "";

        /** Name of the bucket that holds the blocks. */
        private String bucketName = "";

        /** Region of the bucket, which requests are signed for; empty with an endpoint = us-east-1. */
        private String region = "";

        /** Static access key id; empty (with an empty secret) uses the AWS default credential chain. */
        private String accessKeyId = "";

        /** Static secret access key, paired with access-key-id. */
        private Secret secretAccessKey = Secret.empty();

        /** Session token of temporary static credentials (optional). */
        private Secret sessionToken = Secret.empty();

        /** Connect over plain http instead of https. */
        private boolean insecure = false;

        /** Bucket addressing: auto (path style when an endpoint is set), virtual-hosted or path. */
        private S3BucketLookupType bucketLookupType = S3BucketLookupType.AUTO;

        public String getEndpoint() {
            return endpoint;
        }

        public void setEndpoint(String endpoint) {
            this.endpoint = endpoint;
        }

        public String getBucketName() {
            return bucketName;
        }

        public void setBucketName(String bucketName) {
            this.bucketName = bucketName;
        }

        public String getRegion() {
            return region;
        }

        public void setRegion(String region) {
            this.region = region;
        }

        public String getAccessKeyId() {
            return accessKeyId;
        }

        public void setAccessKeyId(String accessKeyId) {
            this.accessKeyId = accessKeyId;
        }

        public Secret getSecretAccessKey() {
            return secretAccessKey;
        }

        public void setSecretAccessKey(Secret secretAccessKey) {
            this.secretAccessKey = secretAccessKey;
        }

        public Secret getSessionToken() {
            return sessionToken;
        }

        public void setSessionToken(Secret sessionToken) {
            this.sessionToken = sessionToken;
        }

        public boolean isInsecure() {
            return insecure;
        }

        public void setInsecure(boolean insecure) {
            this.insecure = insecure;
        }

        public S3BucketLookupType getBucketLookupType() {
            return bucketLookupType;
        }

        public void setBucketLookupType(S3BucketLookupType bucketLookupType) {
            this.bucketLookupType = bucketLookupType;
        }
    }

    /** The {@code blocks-storage.tsdb.*} settings. */
    public static class Tsdb {

        /** Directory of the ingesters' local TSDBs (head, WAL, unshipped blocks); empty = {@code <data-dir>/tsdb}. */
        private String dir = "";

        /**
         * Time range of a block, at which the head is cut (whole seconds). Mimir accepts a list; Tributary takes one
         * range, so write {@code 2h}, not {@code 2h,12h} or a YAML list.
         */
        private Duration blockRangesPeriod = Duration.ofHours(2);

        /** How often completed blocks are shipped to the bucket; 0 turns shipping off. */
        private Duration shipInterval = Duration.ofMinutes(1);

        /** How long a shipped block stays on the ingester, serving queries until the bucket's readers find it. */
        private Duration retentionPeriod = Duration.ofHours(13);

        public String getDir() {
            return dir;
        }

        public void setDir(String dir) {
            this.dir = dir;
        }

        /** The directory to use: {@code dir}, or {@code <dataDir>/tsdb} when it is empty. */
        public Path resolvedDir(Path dataDir) {
            return resolve(dir, dataDir, "tsdb");
        }

        public Duration getBlockRangesPeriod() {
            return blockRangesPeriod;
        }

        public void setBlockRangesPeriod(Duration blockRangesPeriod) {
            this.blockRangesPeriod = blockRangesPeriod;
        }

        public Duration getShipInterval() {
            return shipInterval;
        }

        public void setShipInterval(Duration shipInterval) {
            this.shipInterval = shipInterval;
        }

        public Duration getRetentionPeriod() {
            return retentionPeriod;
        }

        public void setRetentionPeriod(Duration retentionPeriod) {
            this.retentionPeriod = retentionPeriod;
        }
    }
}
