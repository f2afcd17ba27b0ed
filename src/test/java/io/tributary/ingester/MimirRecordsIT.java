package io.tributary.ingester;

import static io.tributary.testing.MimirDistributorRecords.CHECKOUT;
import static io.tributary.testing.MimirDistributorRecords.FUTURE;
import static io.tributary.testing.MimirDistributorRecords.PAYMENTS;
import static io.tributary.testing.MimirDistributorRecords.SEARCH;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.consumer.PartitionReaders;
import io.tributary.consumer.PartitionStatus;
import io.tributary.kafka.KafkaBootstrap;
import io.tributary.support.MimirStyleProducer;
import io.tributary.support.RemoteReadClient;
import io.tributary.support.ConsoleAdmin;
import io.tributary.support.TestApplicationProperties;
import io.tributary.testing.Fixtures;
import io.tributary.testing.MimirDistributorRecords;
import io.tributary.testproto.rw1.Histogram;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Records as a Mimir distributor writes them (versions 0, 1 and 2, built by hand from the format description, see
 * {@link MimirDistributorRecords}) are put on the app's topic by a plain Kafka producer with Mimir's producer
 * settings, and must come back from the running app exactly: per tenant, every label, timestamp and value, float
 * samples and native histograms, through strong remote reads and the label and series APIs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ingest-storage.kafka.auto-create-topic-default-partitions=2",
})
@Timeout(120)
class MimirRecordsIT {
    private static final String CHECKOUT_OK =
            "{__name__=\"http_requests_total\",code=\"200\",instance=\"10.0.1.5:8080\",job=\"checkout\"}";
    private static final String CHECKOUT_ERRORS =
            "{__name__=\"http_requests_total\",code=\"500\",instance=\"10.0.1.5:8080\",job=\"checkout\"}";
    private static final String PAYMENTS_MEMORY =
            "{__name__=\"process_resident_memory_bytes\",instance=\"10.0.2.7:9090\",job=\"payments\"}";
    private static final String PAYMENTS_RPC =
            "{__name__=\"rpc_duration_seconds\",instance=\"10.0.2.7:9090\",job=\"payments\"}";
    private static final String SEARCH_CPU =
            "{__name__=\"node_cpu_seconds_total\",cpu=\"0\",instance=\"10.0.3.9:9100\",job=\"node-exporter\",mode=\"idle\"}";
    private static final String SEARCH_LATENCY =
            "{__name__=\"search_latency_seconds\",instance=\"10.0.3.9:8080\",job=\"search\",namespace=\"kube-system\"}";

    @DynamicPropertySource
    static void isolate(DynamicPropertyRegistry registry) {
        TestApplicationProperties.isolate(MimirRecordsIT.class, registry);
    }

    @LocalServerPort
    int port;

    @Value("${ingest-storage.kafka.topic}")
    String topic;

    @Autowired
    KafkaBootstrap bootstrap;

    @Autowired
    PartitionReaders readers;

    /** Whole seconds, a minute ago: inside the head's open window, and every sample of the scenario in the past. */
    private static long t0() {
        return System.currentTimeMillis() / 1000 * 1000 - 60_000;
    }

    private RemoteReadClient.Result strongRead(String tenant, long t0) {
        RemoteReadClient.Result result = new RemoteReadClient(port).read(tenant, "strong", t0 - 1, t0 + 60_000, ".+");
        assertThat(result.status()).as(result.error()).isEqualTo(200);
        return result;
    }

    @Test
    void recordsOfVersions0To2AsMimirWritesThemAreReadBackExactlyPerTenant() throws Exception {
        long t0 = t0();
        // Partition 0 holds one tenant's series in v0 then v2; partition 1 two tenants in v1 and v2. A series is
        // only ever on one partition, as Mimir's distributor routes it, so its samples arrive in order.
        try (MimirStyleProducer producer = new MimirStyleProducer(bootstrap.producer(), topic)) {
            producer.send(0, MimirDistributorRecords.checkoutV0(t0));
            producer.send(0, MimirDistributorRecords.checkoutV2(t0));
            producer.send(1, MimirDistributorRecords.paymentsV1(t0));
            producer.send(1, MimirDistributorRecords.searchV2(t0));
        }

        RemoteReadClient.Result checkout = strongRead(CHECKOUT, t0);
        assertThat(checkout.series().keySet()).containsExactly(CHECKOUT_OK, CHECKOUT_ERRORS);
        assertSamples(checkout.series().get(CHECKOUT_OK),
                t0, 1027, t0 + 15_000, 1030, t0 + 30_000, 1042, t0 + 45_000, 1051);
        List<double[]> errors = checkout.series().get(CHECKOUT_ERRORS);
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).containsExactly(t0, 3);
        assertThat((long) errors.get(1)[0]).isEqualTo(t0 + 15_000);
        assertThat(Double.doubleToRawLongBits(errors.get(1)[1])).as("stale marker bits").isEqualTo(Fixtures.STALE_NAN_BITS);
        assertThat(checkout.histograms()).isEmpty();

        RemoteReadClient.Result payments = strongRead(PAYMENTS, t0);
        assertThat(payments.series().keySet()).containsExactly(PAYMENTS_MEMORY, PAYMENTS_RPC);
        assertSamples(payments.series().get(PAYMENTS_MEMORY), t0, 2.5e8, t0 + 15_000, 2.625e8);
        assertThat(payments.series().get(PAYMENTS_RPC)).as("float samples of a histogram series").isEmpty();
        assertThat(payments.histograms()).containsOnlyKeys(PAYMENTS_RPC);
        assertThat(payments.histograms().get(PAYMENTS_RPC)).containsExactly(
                MimirDistributorRecords.rpcDuration(t0, Histogram.ResetHint.YES, 14, 4.75, 3, 2, -1),
                MimirDistributorRecords.rpcDuration(t0 + 15_000, Histogram.ResetHint.NO, 20, 7.5, 4, 3, 0));

        RemoteReadClient.Result search = strongRead(SEARCH, t0);
        assertThat(search.series().keySet()).as("the metadata-only series of search_queue_depth is not data")
                .containsExactly(SEARCH_CPU, SEARCH_LATENCY);
        assertSamples(search.series().get(SEARCH_CPU), t0, 8123.5, t0 + 15_000, 8138.25);
        assertThat(search.histograms()).containsOnlyKeys(SEARCH_LATENCY);
        assertThat(search.histograms().get(SEARCH_LATENCY)).containsExactly(
                Histogram.parseFrom(MimirDistributorRecords.searchLatency(t0 + 30_000).toByteArray()));

        // The label and series APIs read the same heads (eventually consistent, so after the strong reads above).
        assertThat(get(SEARCH, "/api/v1/labels")).contains("\"data\":[\"__name__\",\"cpu\",\"instance\",\"job\",\"mode\",\"namespace\"]");
        assertThat(get(SEARCH, "/api/v1/label/__name__/values"))
                .contains("\"data\":[\"node_cpu_seconds_total\",\"search_latency_seconds\"]");
        assertThat(get(SEARCH, "/api/v1/label/namespace/values")).contains("\"data\":[\"kube-system\"]");
        assertThat(get(CHECKOUT, "/api/v1/labels")).contains("\"data\":[\"__name__\",\"code\",\"instance\",\"job\"]");
        assertThat(get(CHECKOUT, "/api/v1/label/code/values")).contains("\"data\":[\"200\",\"500\"]");
        assertThat(get(PAYMENTS, "/api/v1/label/__name__/values"))
                .contains("\"data\":[\"process_resident_memory_bytes\",\"rpc_duration_seconds\"]");
        String paymentsSeries = get(PAYMENTS, "/api/v1/series?match%5B%5D=" + encode("{job=\"payments\"}"));
        assertThat(paymentsSeries).contains("\"__name__\":\"process_resident_memory_bytes\"", "\"__name__\":\"rpc_duration_seconds\"");
        assertThat(paymentsSeries.split("\"__name__\"", -1)).as("two series").hasSize(3);
    }

    @Test
    void aRecordOfAnUnknownVersionIsSkippedCountedAndShownAndLaterRecordsAreConsumed() throws Exception {
        long t0 = t0();
        long skipped;
        long followUp;
        try (MimirStyleProducer producer = new MimirStyleProducer(bootstrap.producer(), topic)) {
            skipped = producer.send(1, MimirDistributorRecords.futureVersion3(t0));
            followUp = producer.send(1, MimirDistributorRecords.futureFollowUpV1(t0));
        }

        RemoteReadClient.Result future = strongRead(FUTURE, t0);
        assertThat(future.series().keySet()).containsExactly("{__name__=\"after_future_probe\",job=\"canary\"}");
        assertSamples(future.series().values().iterator().next(), t0 + 1_000, 42);

        PartitionStatus partition1 = readers.statuses().stream().filter(s -> s.partition() == 1).findFirst().orElseThrow();
        String reason = "record at offset " + skipped + " could not be decoded and was skipped: "
                + "unsupported record version 3: allowed are 0, 1, 2";
        assertThat(partition1.undecodableRecords()).isEqualTo(1);
        assertThat(partition1.lastError()).isEqualTo(reason);
        assertThat(partition1.lastConsumedOffset()).isGreaterThanOrEqualTo(followUp);
        assertThat(get("ops", "/actuator/health/readiness")).contains("\"1\":\"RUNNING at offset ")
                .contains("(last error: " + reason + ")");
        assertThat(ConsoleAdmin.get(port, "/actuator/prometheus").body())
                .contains("tributary_ingest_storage_reader_requests_failed_total{cause=\"decode\",partition=\"1\"} 1.0")
                .contains("tributary_ingest_storage_reader_missed_records_total{partition=\"1\"} 0.0");
    }

    /** Asserts the samples are exactly the given (timestamp, value) pairs, in order. */
    private static void assertSamples(List<double[]> samples, double... timestampsAndValues) {
        assertThat(samples).hasSize(timestampsAndValues.length / 2);
        for (int i = 0; i < samples.size(); i++) {
            assertThat(samples.get(i)).as("sample %d", i)
                    .containsExactly(timestampsAndValues[2 * i], timestampsAndValues[2 * i + 1]);
        }
    }

    private static String encode(String selector) {
        return URLEncoder.encode(selector, StandardCharsets.UTF_8);
    }

    private String get(String tenant, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((tenant + ":x").getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30)).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
