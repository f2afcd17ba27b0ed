package io.tributary.ingest;

import io.tributary.kafka.EmbeddedKafkaBroker;
import io.tributary.support.RemoteWriteClient;
import io.tributary.support.Series;
import io.tributary.support.TestApplicationProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With the broker gone, a push is never acknowledged: the client gets a 5xx (and retries) and readiness drops. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "distributor.remote-timeout=2s",
        "ingest-storage.kafka.write-timeout=3s",
})
@Timeout(120)
class KafkaOutageIT {

    @DynamicPropertySource
    static void isolate(DynamicPropertyRegistry registry) {
        TestApplicationProperties.isolate(KafkaOutageIT.class, registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void aPushWhileTheBrokerIsDownGetsA5xxWithRetryAfterAndReadinessGoesDown() throws Exception {
        RemoteWriteClient client = new RemoteWriteClient(port);
        byte[] request = Series.v1(Series.nodeSeries("outage-host", 10), System.currentTimeMillis(), 1).toByteArray();
        assertThat(client.push("team-a", RemoteWriteClient.V1_TYPE, request).statusCode()).isEqualTo(204);
        // Ready once the partition readers have caught up with the topic, which takes a poll or two.
        await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 200);

        broker.stop();

        long start = System.nanoTime();
        HttpResponse<String> response = client.push("team-a", RemoteWriteClient.V1_TYPE,
                Series.v1(Series.nodeSeries("outage-host", 10), System.currentTimeMillis(), 2).toByteArray());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.statusCode()).as(response.body()).isBetween(500, 599);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.headers().firstValue("X-Prometheus-Remote-Write-Samples-Written")).contains("0");
        // At most the remote timeout (2 s) plus one blocked send (max.block.ms = write-timeout, 3 s), plus slack.
        assertThat(took).as("bounded by distributor.remote-timeout").isLessThan(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(readiness()).isEqualTo(503));
        assertThat(liveness()).as("Kafka trouble never fails liveness").isEqualTo(200);
    }

    private int readiness() throws Exception {
        return get("/actuator/health/readiness");
    }

    private int liveness() throws Exception {
        return get("/actuator/health/liveness");
    }

    private int get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
