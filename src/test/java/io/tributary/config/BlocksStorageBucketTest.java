package io.tributary.config;

import io.tributary.storage.bucket.BucketLookup;
import io.tributary.storage.bucket.FilesystemBucketConfig;
import io.tributary.storage.bucket.S3BucketConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The blocks-storage settings become the storage package's plain bucket configuration. */
class BlocksStorageBucketTest {

    private static final Path DATA_DIR = Path.of("/var/lib/tributary");

    @Test
    @DisplayName("the default filesystem backend stores blocks under <data-dir>/blocks")
    void defaultFilesystemDirIsUnderTheDataDir() {
        assertThat(BlocksStorageBucket.config(new BlocksStorageProperties(), DATA_DIR))
                .isEqualTo(new FilesystemBucketConfig(DATA_DIR.resolve("blocks")));
    }

    @Test
    @DisplayName("a set filesystem dir is used as it is")
    void setFilesystemDirIsUsed() {
        BlocksStorageProperties blocks = new BlocksStorageProperties();
        blocks.getFilesystem().setDir("/mnt/blocks");

        assertThat(BlocksStorageBucket.config(blocks, DATA_DIR))
                .isEqualTo(new FilesystemBucketConfig(Path.of("/mnt/blocks")));
    }

    @Test
    @DisplayName("the S3 settings carry over, the secret revealed only inside the record, whose toString masks it")
    void s3SettingsCarryOver() {
        BlocksStorageProperties blocks = new BlocksStorageProperties();
        blocks.setBackend(BlocksBackend.S3);
        BlocksStorageProperties.S3 s3 = blocks.getS3();
        s3.setEndpoint("minio.storage:9000");
        s3.setBucketName("mimir-blocks");
        s3.setAccessKeyId("ingester-blocks");
        s3.setSecretAccessKey(Secret.of("bPxRfiCYEXAMPLEKEY"));
        s3.setInsecure(true);
        s3.setBucketLookupType(S3BucketLookupType.VIRTUAL_HOSTED);

        S3BucketConfig config = (S3BucketConfig) BlocksStorageBucket.config(blocks, DATA_DIR);

        assertThat(config).isEqualTo(new S3BucketConfig("minio.storage:9000", "mimir-blocks", "", "ingester-blocks",
                "bPxRfiCYEXAMPLEKEY", "", true, BucketLookup.VIRTUAL_HOSTED));
        assertThat(config.pathStyle()).isFalse();
        assertThat(config.toString()).contains("mimir-blocks", "secretAccessKey=******")
                .doesNotContain("bPxRfiCYEXAMPLEKEY");
    }

    @Test
    @DisplayName("auto bucket lookup is path style with an endpoint and virtual-hosted style on AWS")
    void autoLookupFollowsTheEndpoint() {
        S3BucketConfig compatible = new S3BucketConfig("minio.storage:9000", "mimir-blocks", "", "", "", "", false,
                BucketLookup.AUTO);
        S3BucketConfig aws = new S3BucketConfig("", "mimir-blocks", "eu-west-1", "", "", "", false, BucketLookup.AUTO);

        assertThat(compatible.pathStyle()).isTrue();
        assertThat(aws.pathStyle()).isFalse();
        assertThat(aws.staticCredentials()).isFalse();
    }
}
