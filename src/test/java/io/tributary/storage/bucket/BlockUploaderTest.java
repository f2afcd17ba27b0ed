package io.tributary.storage.bucket;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Blocks arrive in the bucket under tenant/ULID/, meta.json last, and only complete blocks are listed. */
class BlockUploaderTest {

    private static final String ULID = "01JD3Q7Y8Z9X0ABCDEFGHJKMNP";
    private static final String LATER_ULID = "01JD3R2M4N5P6Q7R8S9T0VWXYZ";

    @TempDir
    Path dir;

    @Test
    @DisplayName("every file of the block is uploaded under tenant/ULID/, meta.json last")
    void uploadsEveryFileMetaLast() {
        Path block = FakeBlock.write(dir.resolve("tsdb"), ULID);
        RecordingBucket bucket = new RecordingBucket(new FilesystemBucket(dir.resolve("bucket")));

        List<String> written = new BlockUploader(bucket).upload("team-checkout", block);

        List<String> expected = FakeBlock.FILES.stream().map(file -> "team-checkout/" + ULID + "/" + file).toList();
        assertThat(written).containsExactlyElementsOf(expected);
        assertThat(bucket.uploads).containsExactlyElementsOf(expected);
        for (String file : FakeBlock.FILES) {
            assertThat(bucket.get("team-checkout/" + ULID + "/" + file)).isEqualTo(FakeBlock.content(ULID, file));
        }
    }

    @Test
    @DisplayName("uploading the same block again rewrites the same keys and changes nothing else")
    void reuploadIsIdempotent() {
        Path block = FakeBlock.write(dir.resolve("tsdb"), ULID);
        Bucket bucket = new FilesystemBucket(dir.resolve("bucket"));
        BlockUploader uploader = new BlockUploader(bucket);

        uploader.upload("team-checkout", block);
        List<String> before = bucket.list("");
        uploader.upload("team-checkout", block);

        assertThat(bucket.list("")).isEqualTo(before);
        assertThat(uploader.listBlocks("team-checkout")).containsExactly(ULID);
        assertThat(bucket.get("team-checkout/" + ULID + "/index")).isEqualTo(FakeBlock.content(ULID, "index"));
    }

    @Test
    @DisplayName("a block whose upload failed halfway is not listed, because its meta.json never arrived")
    void halfUploadedBlockIsNotListed() {
        Path block = FakeBlock.write(dir.resolve("tsdb"), ULID);
        Bucket bucket = new RecordingBucket(new FilesystemBucket(dir.resolve("bucket"))) {
            @Override
            public void upload(String key, Path file) {
                if (key.endsWith("/index")) {
                    throw new BucketException("upload of " + key + " failed: connection reset");
                }
                super.upload(key, file);
            }
        };
        BlockUploader uploader = new BlockUploader(bucket);

        assertThatThrownBy(() -> uploader.upload("team-checkout", block)).isInstanceOf(BucketException.class);

        assertThat(bucket.list("team-checkout/")).containsExactly("team-checkout/" + ULID + "/chunks/000001",
                "team-checkout/" + ULID + "/chunks/000002");
        assertThat(uploader.listBlocks("team-checkout")).isEmpty();
    }

    @Test
    @DisplayName("listBlocks returns the tenant's complete blocks in ULID order, and nothing of other tenants")
    void listBlocksReturnsCompleteBlocksOfTheTenant() throws IOException {
        Bucket bucket = new FilesystemBucket(dir.resolve("bucket"));
        BlockUploader uploader = new BlockUploader(bucket);
        uploader.upload("team-checkout", FakeBlock.write(dir.resolve("tsdb"), LATER_ULID));
        uploader.upload("team-checkout", FakeBlock.write(dir.resolve("tsdb"), ULID));
        uploader.upload("team-payments", FakeBlock.write(dir.resolve("other"), ULID));
        // Mimir keeps more than blocks under a tenant: markers and the bucket index are not blocks.
        bucket.upload("team-checkout/markers/" + ULID + "-deletion-mark.json", new byte[] {'{', '}'});
        bucket.upload("team-checkout/bucket-index.json.gz", new byte[] {1});

        assertThat(uploader.listBlocks("team-checkout")).containsExactly(ULID, LATER_ULID);
        assertThat(uploader.listBlocks("team-billing")).isEmpty();
    }

    @Test
    @DisplayName("a directory that is not a complete block, or a tenant that is not one key part, is refused")
    void refusesWhatIsNotABlock() throws IOException {
        BlockUploader uploader = new BlockUploader(new FilesystemBucket(dir.resolve("bucket")));
        Path notUlid = Files.createDirectories(dir.resolve("wal"));
        Path noMeta = FakeBlock.write(dir.resolve("tsdb"), ULID);
        Files.delete(noMeta.resolve("meta.json"));
        Path block = FakeBlock.write(dir.resolve("ok"), LATER_ULID);

        assertThatThrownBy(() -> uploader.upload("team-checkout", notUlid))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not named by a block ULID");
        assertThatThrownBy(() -> uploader.upload("team-checkout", noMeta))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no meta.json");
        assertThatThrownBy(() -> uploader.upload("team/checkout", block)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> uploader.upload("..", block)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Passes every call through and notes the keys of uploads, in order. */
    static class RecordingBucket implements Bucket {
        final List<String> uploads = new ArrayList<>();
        private final Bucket delegate;

        RecordingBucket(Bucket delegate) {
            this.delegate = delegate;
        }

        @Override
        public void upload(String key, Path file) {
            delegate.upload(key, file);
            uploads.add(key);
        }

        @Override
        public void upload(String key, byte[] content) {
            delegate.upload(key, content);
            uploads.add(key);
        }

        @Override
        public boolean exists(String key) {
            return delegate.exists(key);
        }

        @Override
        public byte[] get(String key) {
            return delegate.get(key);
        }

        @Override
        public InputStream open(String key) {
            return delegate.open(key);
        }

        @Override
        public List<String> list(String prefix) {
            return delegate.list(prefix);
        }

        @Override
        public void delete(String key) {
            delegate.delete(key);
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
