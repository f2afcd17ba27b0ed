package io.tributary.storage.bucket;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link S3Bucket} and {@link BlockUploader} against a real S3 server in this process: S3Proxy serves S3's REST API
 * over an in-memory blob store on a free loopback port and checks every request's AWS signature, so these tests go
 * through the SDK's signing, path-style addressing, XML parsing and error mapping exactly as against S3 or MinIO.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class S3BucketIT {

    private static final String ACCESS_KEY = "tributary-ingester";
    private static final String SECRET_KEY = "q8Kf2vTz9LmW4xRb7NcYp3HdJs6GaE1u";
    private static final String WRONG_SECRET = "wrong-N7bV2cX5zL8kJ4hG1fD6sA9pO3i";
    private static final String BUCKET = "mimir-blocks";
    private static final String ULID = "01JD3Q7Y8Z9X0ABCDEFGHJKMNP";

    /** Keys the server stored, in the order it stored them: what a reader of the bucket could see appear. */
    private static final List<String> stored = new CopyOnWriteArrayList<>();

    private static S3Proxy server;
    private static String endpoint;

    private S3Bucket bucket;

    @TempDir
    Path dir;

    @BeforeAll
    static void startS3Proxy() throws Exception {
        BlobStore store = recordingPuts(new TransientNio2BlobStore());
        store.createContainer(BUCKET);
        server = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                // S3Proxy refuses headers it does not know, x-amz-security-token among them; it still checks the
                // signature over every signed header, the token included.
                .ignoreUnknownHeaders(true)
                .build();
        server.start();
        endpoint = "127.0.0.1:" + server.getPort();
    }

    @AfterAll
    static void stopS3Proxy() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @BeforeEach
    void openBucket() {
        stored.clear();
        bucket = new S3Bucket(config(ACCESS_KEY, SECRET_KEY, ""));
        for (String key : bucket.list("")) {
            bucket.delete(key);
        }
    }

    @AfterEach
    void closeBucket() {
        bucket.close();
    }

    @Test
    @DisplayName("an object's last-modified time is when it was uploaded; a missing one has none")
    void lastModifiedIsTheUploadTime() {
        Instant before = Instant.now().minusSeconds(2);
        bucket.upload("team-checkout/" + ULID + "/meta.json", FakeBlock.content(ULID, "meta.json"));

        assertThat(bucket.lastModified("team-checkout/" + ULID + "/meta.json")).hasValueSatisfying(
                at -> assertThat(at).isAfter(before).isBefore(Instant.now().plusSeconds(2)));
        assertThat(bucket.lastModified("team-checkout/" + ULID + "/tombstones")).isEmpty();
    }

    @Test
    @DisplayName("bytes and files uploaded are read back, whole and as a stream, and exist")
    void uploadsReadBack() throws Exception {
        Path index = Files.write(dir.resolve("index"), FakeBlock.content(ULID, "index"));

        bucket.upload("team-checkout/" + ULID + "/index", index);
        bucket.upload("team-checkout/" + ULID + "/meta.json", FakeBlock.content(ULID, "meta.json"));

        assertThat(bucket.get("team-checkout/" + ULID + "/index")).isEqualTo(FakeBlock.content(ULID, "index"));
        try (InputStream in = bucket.open("team-checkout/" + ULID + "/meta.json")) {
            assertThat(in.readAllBytes()).isEqualTo(FakeBlock.content(ULID, "meta.json"));
        }
        assertThat(bucket.exists("team-checkout/" + ULID + "/index")).isTrue();
        assertThat(bucket.exists("team-checkout/" + ULID + "/tombstones")).isFalse();
    }

    @Test
    @DisplayName("list returns every key under the prefix across pages, sorted, and delete removes one")
    void listsAcrossPagesAndDeletes() {
        try (S3Bucket paged = new S3Bucket(config(ACCESS_KEY, SECRET_KEY, ""), 10)) {
            // Three pages of ListObjectsV2, so the paginator must follow the continuation tokens.
            for (int i = 1; i <= 25; i++) {
                paged.upload(String.format("team-checkout/%s/chunks/%06d", ULID, i), new byte[] {(byte) i});
            }
            paged.upload("team-payments/" + ULID + "/meta.json", FakeBlock.content(ULID, "meta.json"));

            assertThat(paged.list("team-checkout/")).hasSize(25).isSorted()
                    .startsWith("team-checkout/" + ULID + "/chunks/000001")
                    .endsWith("team-checkout/" + ULID + "/chunks/000025");
            assertThat(paged.list("")).hasSize(26);
            assertThat(paged.list("team-payments/")).containsExactly("team-payments/" + ULID + "/meta.json");

            paged.delete("team-payments/" + ULID + "/meta.json");
            paged.delete("team-payments/" + ULID + "/meta.json");

            assertThat(paged.list("team-payments/")).isEmpty();
            assertThat(paged.exists("team-payments/" + ULID + "/meta.json")).isFalse();
        }
    }

    @Test
    @DisplayName("temporary credentials, a key pair with a session token, sign requests that the server accepts")
    void sessionCredentialsAreAccepted() {
        try (S3Bucket temporary = new S3Bucket(config(ACCESS_KEY, SECRET_KEY, "FwoGZXIvYXdzEJr"))) {
            temporary.upload("team-checkout/" + ULID + "/index", FakeBlock.content(ULID, "index"));

            assertThat(temporary.get("team-checkout/" + ULID + "/index")).isEqualTo(FakeBlock.content(ULID, "index"));
        }
    }

    @Test
    @DisplayName("reading a missing key fails with ObjectNotFoundException naming the key and the bucket")
    void missingKeyIsNotFound() {
        String key = "team-checkout/" + ULID + "/meta.json";

        assertThatThrownBy(() -> bucket.get(key)).isInstanceOf(ObjectNotFoundException.class)
                .hasMessage("no object " + key + " in s3://" + BUCKET + " at " + endpoint + " (http, path-style)");
        assertThatThrownBy(() -> bucket.open(key)).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    @DisplayName("BlockUploader stores the block under tenant/ULID/ with meta.json the last object the server stores")
    void blockUploaderStoresMetaJsonLast() {
        Path block = FakeBlock.write(dir.resolve("tsdb"), ULID);
        BlockUploader uploader = new BlockUploader(bucket);

        uploader.upload("team-checkout", block);

        List<String> expected = FakeBlock.FILES.stream().map(file -> "team-checkout/" + ULID + "/" + file).toList();
        assertThat(stored).containsExactlyElementsOf(expected);
        assertThat(bucket.list("team-checkout/")).containsExactlyInAnyOrderElementsOf(expected);
        for (String file : FakeBlock.FILES) {
            assertThat(bucket.get("team-checkout/" + ULID + "/" + file)).isEqualTo(FakeBlock.content(ULID, file));
        }
        assertThat(uploader.listBlocks("team-checkout")).containsExactly(ULID);
    }

    @Test
    @DisplayName("uploading the same block again overwrites the same objects, meta.json last again")
    void blockReuploadIsIdempotent() {
        Path block = FakeBlock.write(dir.resolve("tsdb"), ULID);
        BlockUploader uploader = new BlockUploader(bucket);
        uploader.upload("team-checkout", block);
        List<String> before = bucket.list("");
        stored.clear();

        uploader.upload("team-checkout", block);

        assertThat(bucket.list("")).isEqualTo(before);
        assertThat(stored).last().isEqualTo("team-checkout/" + ULID + "/meta.json");
        assertThat(uploader.listBlocks("team-checkout")).containsExactly(ULID);
    }

    @Test
    @DisplayName("a wrong secret key is rejected by the server, and no message or cause contains either secret")
    void wrongSecretKeyIsRejectedWithoutLeakingIt() {
        try (S3Bucket wrong = new S3Bucket(config(ACCESS_KEY, WRONG_SECRET, ""))) {
            assertThatThrownBy(() -> wrong.upload("team-checkout/" + ULID + "/meta.json", new byte[] {'{', '}'}))
                    .isInstanceOf(BucketException.class)
                    .hasMessageStartingWith("upload to team-checkout/" + ULID + "/meta.json in s3://" + BUCKET + " at "
                            + endpoint + " (http, path-style) failed: HTTP 403 SignatureDoesNotMatch")
                    .satisfies(failure -> assertThat(stackTrace(failure)).doesNotContain(WRONG_SECRET, SECRET_KEY));
            assertThatThrownBy(() -> wrong.list("")).isInstanceOf(BucketException.class)
                    .hasMessageContaining("HTTP 403")
                    .satisfies(failure -> assertThat(stackTrace(failure)).doesNotContain(WRONG_SECRET, SECRET_KEY));
            assertThat(wrong.describe()).doesNotContain(WRONG_SECRET);
        }
        assertThat(bucket.list("")).isEmpty();
    }

    @Test
    @DisplayName("an unknown access key id is rejected by the server")
    void unknownAccessKeyIsRejected() {
        try (S3Bucket unknown = new S3Bucket(config("someone-else", SECRET_KEY, ""))) {
            assertThatThrownBy(() -> unknown.get("team-checkout/" + ULID + "/meta.json"))
                    .isInstanceOf(BucketException.class)
                    .isNotInstanceOf(ObjectNotFoundException.class)
                    .hasMessageContaining("HTTP 403 InvalidAccessKeyId")
                    .satisfies(failure -> assertThat(stackTrace(failure)).doesNotContain(SECRET_KEY));
        }
    }

    @Test
    @DisplayName("without static keys the AWS default credential chain is used (here: its system properties)")
    void defaultCredentialChainIsUsedWithoutStaticKeys() {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        try (S3Bucket chained = new S3Bucket(config("", "", ""))) {
            chained.upload("team-checkout/" + ULID + "/tombstones", FakeBlock.content(ULID, "tombstones"));

            assertThat(bucket.get("team-checkout/" + ULID + "/tombstones"))
                    .isEqualTo(FakeBlock.content(ULID, "tombstones"));
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    @DisplayName("a server that is not there fails with the bucket named and no secret")
    void unreachableServerFails() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        S3BucketConfig nowhere = new S3BucketConfig("127.0.0.1:" + closedPort, BUCKET, "", ACCESS_KEY, SECRET_KEY, "",
                true, BucketLookup.AUTO);
        try (S3Bucket unreachable = new S3Bucket(nowhere)) {
            assertThatThrownBy(() -> unreachable.exists("team-checkout/" + ULID + "/meta.json"))
                    .isInstanceOf(BucketException.class)
                    .hasMessageStartingWith("existence check of team-checkout/" + ULID + "/meta.json in s3://" + BUCKET
                            + " at 127.0.0.1:" + closedPort)
                    .satisfies(failure -> assertThat(stackTrace(failure)).doesNotContain(SECRET_KEY));
        }
    }

    private static S3BucketConfig config(String accessKey, String secretKey, String sessionToken) {
        return new S3BucketConfig(endpoint, BUCKET, "", accessKey, secretKey, sessionToken, true, BucketLookup.AUTO);
    }

    private static String stackTrace(Throwable failure) {
        StringWriter out = new StringWriter();
        failure.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** The store S3Proxy serves, noting the key of every object it stores, in order. */
    private static BlobStore recordingPuts(BlobStore delegate) {
        return (BlobStore) Proxy.newProxyInstance(S3BucketIT.class.getClassLoader(), new Class<?>[] {BlobStore.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(delegate, args);
                        if (method.getName().equals("putBlob") && args[0] instanceof PutObjectRequest put) {
                            stored.add(put.key());
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
