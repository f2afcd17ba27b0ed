package io.tributary.storage.bucket;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The filesystem bucket keeps S3's semantics over a directory: whole objects, recursive listing, '/' keys. */
class FilesystemBucketTest {

    private static final String META = "team-checkout/01JD3Q7Y8Z9X0ABCDEFGHJKMNP/meta.json";
    private static final String INDEX = "team-checkout/01JD3Q7Y8Z9X0ABCDEFGHJKMNP/index";
    private static final String CHUNKS = "team-checkout/01JD3Q7Y8Z9X0ABCDEFGHJKMNP/chunks/000001";

    @TempDir
    Path dir;

    @Test
    @DisplayName("an object's last-modified time is when it was uploaded; a missing one has none")
    void lastModifiedIsTheUploadTime() {
        try (Bucket bucket = new FilesystemBucket(dir)) {
            Instant before = Instant.now().minusSeconds(2);
            bucket.upload(META, bytes("{}"));

            assertThat(bucket.lastModified(META)).hasValueSatisfying(at -> assertThat(at).isAfter(before));
            assertThat(bucket.lastModified(INDEX)).isEmpty();
        }
    }

    @Test
    @DisplayName("bytes uploaded under a key are stored as a file at that path and read back")
    void uploadedBytesReadBack() throws IOException {
        try (Bucket bucket = new FilesystemBucket(dir.resolve("blocks"))) {
            bucket.upload(META, bytes("{\"version\":1}"));

            assertThat(bucket.get(META)).isEqualTo(bytes("{\"version\":1}"));
            assertThat(dir.resolve("blocks").resolve(META)).hasContent("{\"version\":1}");
            assertThat(bucket.exists(META)).isTrue();
        }
    }

    @Test
    @DisplayName("a file uploaded under a key is copied, and the copy is opened as a stream")
    void uploadedFileOpens() throws IOException {
        Path index = Files.write(dir.resolve("index"), bytes("series index"));
        try (Bucket bucket = new FilesystemBucket(dir.resolve("blocks"))) {
            bucket.upload(INDEX, index);

            try (InputStream in = bucket.open(INDEX)) {
                assertThat(in.readAllBytes()).isEqualTo(bytes("series index"));
            }
            assertThat(index).exists();
        }
    }

    @Test
    @DisplayName("uploading to a key again replaces the object whole")
    void uploadReplaces() {
        try (Bucket bucket = new FilesystemBucket(dir)) {
            bucket.upload(META, bytes("{\"version\":1,\"ulid\":\"old and longer\"}"));
            bucket.upload(META, bytes("{\"version\":1}"));

            assertThat(bucket.get(META)).isEqualTo(bytes("{\"version\":1}"));
        }
    }

    @Test
    @DisplayName("an upload leaves no temporary file behind")
    void uploadLeavesNoTemporaryFile() throws IOException {
        try (Bucket bucket = new FilesystemBucket(dir)) {
            bucket.upload(CHUNKS, bytes("chunk data"));
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile)).containsExactly(dir.resolve(CHUNKS));
        }
    }

    @Test
    @DisplayName("list returns every key under the prefix, recursively and sorted, without in-flight uploads")
    void listIsRecursiveAndSorted() throws IOException {
        try (FilesystemBucket bucket = new FilesystemBucket(dir)) {
            bucket.upload(META, bytes("{}"));
            bucket.upload(INDEX, bytes("index"));
            bucket.upload(CHUNKS, bytes("chunks"));
            bucket.upload("team-payments/01JD3Q7Y8Z9X0ABCDEFGHJKMNQ/meta.json", bytes("{}"));
            // What a crashed upload leaves behind is not an object.
            Files.write(dir.resolve("team-checkout/.index.123" + FilesystemBucket.UPLOADING_SUFFIX), bytes("half"));

            assertThat(bucket.list("team-checkout/")).containsExactly(CHUNKS, INDEX, META);
            assertThat(bucket.list("team-")).hasSize(4);
            assertThat(bucket.list("team-checkout/01JD3Q7Y8Z9X0ABCDEFGHJKMNP/ch")).containsExactly(CHUNKS);
            assertThat(bucket.list("")).hasSize(4);
            assertThat(bucket.list("team-billing/")).isEmpty();
        }
    }

    @Test
    @DisplayName("delete removes the object and the directories it leaves empty, and deleting nothing is no error")
    void deleteRemovesObjectAndEmptyDirectories() {
        try (Bucket bucket = new FilesystemBucket(dir)) {
            bucket.upload(CHUNKS, bytes("chunks"));
            bucket.upload(META, bytes("{}"));

            bucket.delete(CHUNKS);
            bucket.delete(CHUNKS);

            assertThat(bucket.exists(CHUNKS)).isFalse();
            assertThat(dir.resolve("team-checkout/01JD3Q7Y8Z9X0ABCDEFGHJKMNP/chunks")).doesNotExist();
            assertThat(bucket.list("")).containsExactly(META);
        }
    }

    @Test
    @DisplayName("reading a missing key fails with ObjectNotFoundException naming the key and the bucket")
    void missingKeyIsNotFound() {
        try (Bucket bucket = new FilesystemBucket(dir)) {
            assertThat(bucket.exists(META)).isFalse();
            assertThatThrownBy(() -> bucket.get(META)).isInstanceOf(ObjectNotFoundException.class)
                    .hasMessage("no object " + META + " in filesystem bucket " + dir.toAbsolutePath());
            assertThatThrownBy(() -> bucket.open(META)).isInstanceOf(ObjectNotFoundException.class);
        }
    }

    @Test
    @DisplayName("uploading a missing file fails with a BucketException naming the file, key and bucket")
    void uploadOfMissingFileFails() {
        Path missing = dir.resolve("no-such-index");
        try (Bucket bucket = new FilesystemBucket(dir.resolve("blocks"))) {
            assertThatThrownBy(() -> bucket.upload(INDEX, missing)).isInstanceOf(BucketException.class)
                    .hasMessageStartingWith("upload of " + missing + " to " + INDEX + " in filesystem bucket ")
                    .hasMessageContaining("NoSuchFileException");
            assertThat(bucket.list("")).isEmpty();
        }
    }

    @ParameterizedTest(name = "the key \"{0}\" is refused")
    @ValueSource(strings = {"", "/team-checkout/meta.json", "team-checkout/", "team-checkout//meta.json",
            "../outside", "team-checkout/../../outside", "team-checkout/./meta.json", "team-checkout\\meta.json"})
    void invalidKeysAreRefused(String key) {
        try (Bucket bucket = new FilesystemBucket(dir.resolve("blocks"))) {
            assertThatThrownBy(() -> bucket.upload(key, bytes("x"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> bucket.get(key)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(dir.resolve("outside")).doesNotExist();
    }

    @Test
    @DisplayName("describe names the directory")
    void describeNamesTheDirectory() {
        try (Bucket bucket = new FilesystemBucket(dir)) {
            assertThat(bucket.describe()).isEqualTo("filesystem bucket " + dir.toAbsolutePath());
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
