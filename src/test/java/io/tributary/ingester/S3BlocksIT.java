package io.tributary.ingester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.storage.bucket.BucketLookup;
import io.tributary.storage.bucket.S3Bucket;
import io.tributary.storage.bucket.S3BucketConfig;
import io.tributary.support.ConsoleAdmin;
import io.tributary.support.Promtool;
import io.tributary.support.RemoteReadClient;
import io.tributary.support.RemoteWriteClient;
import io.tributary.support.Series;
import io.tributary.support.TributaryProcess;
import io.tributary.testproto.rw1.Label;
import io.tributary.testproto.rw1.Sample;
import io.tributary.testproto.rw1.TimeSeries;
import io.tributary.testproto.rw1.WriteRequest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The S3 backend end to end: Tributary (its own JVM) ships the block of a closed window to a real S3 server in
 * this process (S3Proxy, checking every request's SigV4 signature), under {@code <tenant>/<ULID>/}; the objects
 * downloaded from the bucket form a block that promtool dumps with exactly the samples pushed. The secret key
 * never shows in the environment endpoint.
 */
@Timeout(180)
class S3BlocksIT {
    private static final String ACCESS_KEY = "tributary-ingester";
    private static final String SECRET_KEY = "Zr7Lq2Wn9Xv4Kb8Hs3Jd6Tf1Pm5Yc0Ga";
    private static final String BUCKET = "tributary-blocks";
    private static final String TENANT = "team-s3";
    private static final long RANGE = 10_000;

    @Test
    void aClosedWindowIsShippedToS3AsABlockThatPromtoolDumpsExactly() throws Exception {
        BlobStore store = new TransientNio2BlobStore();
        store.createContainer(BUCKET);
        S3Proxy server = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(true).build();
        server.start();
        try {
            String endpoint = "127.0.0.1:" + server.getPort();
            run(endpoint);
        } finally {
            server.stop();
        }
    }

    private void run(String endpoint) throws Exception {
        Path root = Files.createTempDirectory(Files.createDirectories(Path.of("target/it-data")), "S3BlocksIT-");
        int httpPort = TributaryProcess.freePort();
        try (TributaryProcess app = TributaryProcess.start(root.resolve("data"), httpPort, TributaryProcess.freePort(),
                "tributary.log", ConsoleAdmin.passwordArgument(),
                "--ingest-storage.kafka.topic=s3blocks", "--ingest-storage.kafka.auto-create-topic-default-partitions=4",
                "--blocks-storage.backend=s3",
                "--blocks-storage.s3.endpoint=" + endpoint,
                "--blocks-storage.s3.bucket-name=" + BUCKET,
                "--blocks-storage.s3.region=us-east-1",
                "--blocks-storage.s3.access-key-id=" + ACCESS_KEY,
                "--blocks-storage.s3.secret-access-key=" + SECRET_KEY,
                "--blocks-storage.s3.insecure=true",
                "--blocks-storage.s3.bucket-lookup-type=path",
                "--blocks-storage.tsdb.block-ranges-period=10s",
                "--blocks-storage.tsdb.retention-period=48h");
             S3Bucket bucket = new S3Bucket(new S3BucketConfig(endpoint, BUCKET, "us-east-1", ACCESS_KEY, SECRET_KEY, "",
                     true, BucketLookup.PATH))) {
            app.awaitReady(Duration.ofSeconds(90));

            long window = Math.floorDiv(System.currentTimeMillis() - 3_600_000, RANGE) * RANGE;
            Map<String, List<double[]>> pushed = new TreeMap<>();
            HttpResponse<String> response = new RemoteWriteClient(httpPort).push(TENANT, RemoteWriteClient.V1_TYPE,
                    request(window, pushed).toByteArray());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(204);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> bucket.list(TENANT + "/").stream().anyMatch(k -> k.endsWith("/meta.json")));
            List<String> keys = bucket.list(TENANT + "/");
            String meta = keys.stream().filter(k -> k.endsWith("/meta.json")).findFirst().orElseThrow();
            String prefix = meta.substring(0, meta.length() - "meta.json".length());
            assertThat(prefix).matches(TENANT + "/[0-9A-HJKMNP-TV-Z]{26}/");
            assertThat(keys).as("one block, with its index and chunks").allMatch(k -> k.startsWith(prefix))
                    .contains(prefix + "index", prefix + "chunks/000001", prefix + "meta.json");
            assertThat(new String(bucket.get(meta), StandardCharsets.UTF_8))
                    .containsPattern("\"minTime\"\\s*:\\s*" + window)
                    .containsPattern("\"numSamples\"\\s*:\\s*200")
                    .containsPattern("\"__org_id__\"\\s*:\\s*\"" + TENANT + "\"");

            // The block, as a reader of the bucket gets it.
            Path downloaded = root.resolve("downloaded");
            for (String key : keys) {
                Path file = downloaded.resolve(key);
                Files.createDirectories(file.getParent());
                Files.write(file, bucket.get(key));
            }

            // Remote read still returns every sample once (from the local copy of the block; the head was truncated).
            RemoteReadClient.Result read = new RemoteReadClient(httpPort).read(TENANT, "strong", window, window + RANGE,
                    "s3_backfilled");
            assertThat(read.status()).as(read.error()).isEqualTo(200);
            assertSamples(read.series(), pushed);

            String env = get(httpPort, "/actuator/env") + get(httpPort, "/actuator/configprops");
            assertThat(env).contains("blocks-storage.s3.access-key-id").doesNotContain(SECRET_KEY);
            assertThat(Files.readString(root.resolve("data").resolve("tributary.log"))).doesNotContain(SECRET_KEY);

            Assumptions.assumeTrue(Promtool.installed(), "promtool is not installed");
            assertSamples(Promtool.dump(downloaded.resolve(TENANT), window, window + RANGE - 1), pushed);
        }
    }

    private static WriteRequest request(long window, Map<String, List<double[]>> pushed) {
        WriteRequest.Builder request = WriteRequest.newBuilder();
        for (int s = 0; s < 20; s++) {
            Map<String, String> labels = Series.labels("__name__", "s3_backfilled", "instance", "sensor-1",
                    "series", Integer.toString(s));
            TimeSeries.Builder ts = TimeSeries.newBuilder();
            labels.forEach((n, v) -> ts.addLabels(Label.newBuilder().setName(n).setValue(v)));
            for (int i = 0; i < 10; i++) {
                long t = window + i * 1_000L;
                double value = s * 1000.0 + i + 0.25;
                ts.addSamples(Sample.newBuilder().setTimestamp(t).setValue(value));
                pushed.computeIfAbsent(RemoteReadClient.render(labels), k -> new ArrayList<>()).add(new double[] {t, value});
            }
            request.addTimeseries(ts);
        }
        return request.build();
    }

    private static void assertSamples(Map<String, List<double[]>> got, Map<String, List<double[]>> pushed) {
        assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(pushed.keySet());
        pushed.forEach((labels, samples) -> assertThat(got.get(labels)).as(labels)
                .usingElementComparator((a, b) -> a[0] == b[0] && a[1] == b[1] ? 0 : 1)
                .containsExactlyElementsOf(samples));
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> response = ConsoleAdmin.get(port, path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}
