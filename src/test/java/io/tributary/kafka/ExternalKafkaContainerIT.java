package io.tributary.kafka;

import io.tributary.support.RemoteWriteClient;
import io.tributary.support.Series;
import io.tributary.support.TopicRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against a separate Apache Kafka broker (Testcontainers) with its stock 1 MB message limit: the address
 * setting replaces the embedded broker, the topic is created able to hold Mimir's largest records, and a
 * push lands on it. Skips itself where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ingest-storage.kafka.topic=external-ingest",
        "ingest-storage.kafka.auto-create-topic-default-partitions=3",
})
@Timeout(180)
class ExternalKafkaContainerIT {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.2.1");

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws Exception {
        registry.add("ingest-storage.kafka.address", KAFKA::getBootstrapServers);
        Files.createDirectories(Path.of("target/it-data"));
        registry.add("tributary.data-dir", () -> "target/it-data/external-" + ProcessHandle.current().pid());
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void aConfiguredAddressReplacesTheEmbeddedBrokerAndPushesLandThere() {
        assertThat(context.getBeansOfType(EmbeddedKafkaBroker.class)).isEmpty();

        var response = new RemoteWriteClient(port).push("team-external", RemoteWriteClient.V1_TYPE,
                Series.v1(Series.nodeSeries("external-host", 30), System.currentTimeMillis(), 1).toByteArray());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        assertThat(TopicRecords.readAll(KAFKA.getBootstrapServers(), "external-ingest"))
                .flatExtracting(found -> found.request().series()).hasSize(30);
    }
}
