package io.tributary.ingest;

import io.tributary.distributor.PartitionRing;
import io.tributary.kafka.KafkaBootstrap;
import io.tributary.kafka.TopicProvisioner;
import io.tributary.protocol.Label;
import io.tributary.protocol.RecordVersion;
import io.tributary.support.PrometheusAgent;
import io.tributary.support.TestApplicationProperties;
import io.tributary.support.TopicRecords;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus 2.42 agent scrapes Tributary's own metrics and remote-writes them to Tributary; the
 * series must then be on the topic, each in the partition of its token, as record version 2 with Mimir's
 * symbol table, and the metadata Prometheus sends separately must arrive too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ingest-storage.kafka.auto-create-topic-default-partitions=4",
        "ingest-storage.kafka.producer-record-version=2",
})
@Timeout(180)
class PrometheusRemoteWriteIT {

    private static final String TENANT = "team-prometheus";

    @DynamicPropertySource
    static void isolate(DynamicPropertyRegistry registry) {
        TestApplicationProperties.isolate(PrometheusRemoteWriteIT.class, registry);
    }

    @BeforeAll
    static void prometheusIsInstalled() {
        assumeThat(PrometheusAgent.installed()).as("Debian package prometheus (installed by .ci/run)").isTrue();
    }

    @LocalServerPort
    int port;

    @Autowired
    KafkaBootstrap bootstrap;

    @Autowired
    TopicProvisioner topic;

    @Test
    void seriesScrapedAndSentByPrometheusAreOnTheTopicInTheirPartitions() throws Exception {
        try (PrometheusAgent agent = PrometheusAgent.start(PrometheusAgent.scratch("agent"), "127.0.0.1:" + port,
                "/actuator/prometheus", "http://127.0.0.1:" + port + "/api/v1/push", TENANT)) {

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                assertThat(agent.isAlive()).as(agent.log()).isTrue();
                List<TopicRecords.Found> records = ours();
                assertThat(seriesNames(records)).contains("up", "scrape_samples_scraped",
                        "tributary_remote_write_requests_total", "jvm_memory_used_bytes");
                assertThat(records.stream().flatMap(r -> r.request().metadata().stream())
                        .map(m -> m.family())).as("metadata sent in its own requests").contains("jvm_memory_used_bytes");
            });

            List<TopicRecords.Found> records = ours();
            PartitionRing ring = new PartitionRing();
            int partitions = topic.partitionCount();
            assertThat(records).allSatisfy(found -> assertThat(found.version()).isEqualTo(RecordVersion.of(2)));
            records.forEach(found -> found.request().series().forEach(series -> {
                Map<String, String> labels = new TreeMap<>();
                series.labels().forEach(l -> labels.put(l.name(), l.value()));
                assertThat(found.partition()).as("%s", labels)
                        .isEqualTo(ring.partitionOf(RemoteWriteIT.token(TENANT, labels), partitions));
            }));
            assertThat(records.stream().map(TopicRecords.Found::partition).distinct().count())
                    .as("a few hundred series spread over all 4 partitions").isEqualTo(4);
            assertThat(records.stream().flatMap(r -> r.request().series().stream())
                    .filter(s -> s.metricName().equals("up"))
                    .flatMap(s -> s.labels().stream()).map(Label::value)).contains("tributary");
        }
    }

    private List<TopicRecords.Found> ours() {
        return TopicRecords.readAll(bootstrap.consumer(), topic.topic()).stream()
                .filter(found -> found.tenant().equals(TENANT)).toList();
    }

    private static List<String> seriesNames(List<TopicRecords.Found> records) {
        return records.stream().flatMap(r -> r.request().series().stream()).map(s -> s.metricName())
                .distinct().collect(Collectors.toList());
    }
}
