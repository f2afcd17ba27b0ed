package io.tributary.kafka;

import io.tributary.support.ConsoleAdmin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The whole application with no Kafka address: embedded broker, topic, readiness and info. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tributary.embedded-kafka.port=0",
        "tributary.embedded-kafka.default-partitions=4",
        "ingest-storage.kafka.topic=ingest-wiring",
        "management.endpoints.web.exposure.include=health,info",
        "management.endpoint.health.show-details=always",
        "tributary.console.password=" + ConsoleAdmin.PASSWORD})
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KafkaWiringIT {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("tributary.data-dir", () -> Path.of("target", "it-wiring-" + UUID.randomUUID()).toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    KafkaBootstrap bootstrap;

    @Autowired
    TopicProvisioner topics;

    @Autowired
    EmbeddedKafkaBroker broker;

    /** GET as the console admin: /actuator/info needs the admin login, the health probes ignore it. */
    private HttpResponse<String> get(String path) throws Exception {
        return ConsoleAdmin.get(port, path);
    }

    @Test
    void everyClientIsPointedAtTheEmbeddedBrokerWhenNoAddressIsSet() {
        assertThat(bootstrap.isEmbedded()).isTrue();
        assertThat(bootstrap.producer()).isEqualTo(broker.bootstrapServers());
        assertThat(bootstrap.consumer()).isEqualTo(broker.bootstrapServers());
        assertThat(topics.partitionCount()).isEqualTo(4);
    }

    @Test
    void readinessIncludesKafka() throws Exception {
        // Ready once the partition readers have caught up with the topic, which takes a poll or two.
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health/readiness").statusCode() == 200);
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.body()).contains("\"kafka\"").contains("\"brokers\":1");
        assertThat(get("/actuator/health/liveness").body()).doesNotContain("kafka");
    }

    @Test
    void infoShowsTheEmbeddedAddress() throws Exception {
        HttpResponse<String> info = get("/actuator/info");

        assertThat(info.body()).contains("\"bootstrap\":\"" + broker.bootstrapServers() + "\"")
                .contains("\"embedded\":{\"address\":\"" + broker.bootstrapServers() + "\"}")
                .contains("\"topic\":\"ingest-wiring\"");
    }
}
