package io.tributary.ingester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.support.PrometheusAgent;
import io.tributary.support.PrometheusServer;
import io.tributary.support.RemoteReadClient;
import io.tributary.support.RemoteWriteClient;
import io.tributary.support.Series;
import io.tributary.support.TestApplicationProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A real Prometheus 2.42 answers PromQL over Tributary through remote_read (streamed XOR chunks). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ingest-storage.kafka.auto-create-topic-default-partitions=2")
@Timeout(120)
class PrometheusRemoteReadIT {

    @DynamicPropertySource
    static void isolate(DynamicPropertyRegistry registry) {
        TestApplicationProperties.isolate(PrometheusRemoteReadIT.class, registry);
    }

    @LocalServerPort
    int port;

    @Value("${tributary.data-dir}")
    Path dataDir;

    @Test
    void prometheusAnswersAPromqlQueryOverTributary() throws Exception {
        Assumptions.assumeTrue(PrometheusAgent.installed(), "prometheus is not installed (.ci/run installs it)");
        long now = System.currentTimeMillis();
        List<Map<String, String>> series = Series.nodeSeries("db-1", 8);
        for (int i = 0; i < 5; i++) {
            long t = now - 60_000 + i * 15_000;
            assertThat(new RemoteWriteClient(port).push("team-promql", RemoteWriteClient.V1_TYPE,
                    Series.v1(series, t, 10 + i).toByteArray()).statusCode()).isEqualTo(204);
        }
        // The strong read makes sure the data is consumed before Prometheus (which reads eventually) asks.
        assertThat(new RemoteReadClient(port).read("team-promql", "strong", now - 120_000, now, "node_cpu_seconds_total")
                .sampleCount()).isEqualTo(40);

        try (PrometheusServer prometheus = PrometheusServer.start(dataDir.resolve("prometheus"),
                "http://127.0.0.1:" + port + "/api/v1/read", "team-promql")) {
            // 8 series at value 14 at the last push; the idle ones (mode=user) are 4 of them.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String answer = prometheus.query("sum(node_cpu_seconds_total)", now);
                assertThat(answer).as(prometheus.log()).contains("\"status\":\"success\"").contains("\"112\"");
            });
            String rate = prometheus.query("count(rate(node_cpu_seconds_total{mode=\"idle\"}[2m]))", now);
            assertThat(rate).contains("\"4\"");
        }
    }

}
