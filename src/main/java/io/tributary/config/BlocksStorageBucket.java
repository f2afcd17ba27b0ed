package io.tributary.config;

import io.tributary.storage.bucket.BucketConfig;
import io.tributary.storage.bucket.BucketLookup;
import io.tributary.storage.bucket.FilesystemBucketConfig;
import io.tributary.storage.bucket.S3BucketConfig;

import java.nio.file.Path;

/**
 * Maps the {@code blocks-storage.*} settings onto the plain bucket configuration that
 * {@link io.tributary.storage.bucket.BucketFactory} opens, so the storage package needs nothing of Spring or of
 * the settings tree. This is the one place where the S3 secret leaves its {@link Secret}.
 */
public final class BlocksStorageBucket {

    private BlocksStorageBucket() {
    }

    /** The bucket of the configured backend; an empty filesystem directory means {@code <dataDir>/blocks}. */
    public static BucketConfig config(BlocksStorageProperties blocksStorage, Path dataDir) {
        if (blocksStorage.getBackend() == BlocksBackend.S3) {
            BlocksStorageProperties.S3 s3 = blocksStorage.getS3();
            return new S3BucketConfig(s3.getEndpoint(), s3.getBucketName(), s3.getRegion(), s3.getAccessKeyId(),
                    s3.getSecretAccessKey().reveal(), s3.getSessionToken().reveal(), s3.isInsecure(),
                    lookup(s3.getBucketLookupType()));
        }
        return new FilesystemBucketConfig(blocksStorage.getFilesystem().resolvedDir(dataDir));
    }

    /** {@link #config(BlocksStorageProperties, Path)} of validated settings. */
    public static BucketConfig config(ValidatedSettings settings) {
        return config(settings.blocksStorage(), settings.tributary().getDataDir());
    }

    private static BucketLookup lookup(S3BucketLookupType type) {
        if (type == null) {
            return BucketLookup.AUTO;
        }
        return switch (type) {
            case AUTO -> BucketLookup.AUTO;
            case VIRTUAL_HOSTED -> BucketLookup.VIRTUAL_HOSTED;
            case PATH -> BucketLookup.PATH;
        };
    }
}
