package io.tributary.kafka;

import io.tributary.config.KafkaSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaClusterHealthIndicatorTest {

    @Test
    void isDownWithTheReasonWhenNoBrokerAnswers() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        KafkaSettings settings = new KafkaSettings();
        settings.setAddress("127.0.0.1:" + closedPort);
        KafkaClusterHealthIndicator indicator = new KafkaClusterHealthIndicator(settings, new KafkaBootstrap(settings, null),
                Duration.ofMillis(300), Duration.ofSeconds(5), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        try {
            Health health = indicator.health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("bootstrap", "127.0.0.1:" + closedPort).containsKey("error");
            assertThat(indicator.health()).as("answered from the cache within 5 s").isSameAs(health);
        } finally {
            indicator.destroy();
        }
    }

    @Test
    void isDownBeforeTheEmbeddedBrokerStarted() {
        KafkaSettings settings = new KafkaSettings();
        EmbeddedKafkaBroker notStarted = new EmbeddedKafkaBroker(java.nio.file.Path.of("target", "never-started"), 0, 1);
        KafkaClusterHealthIndicator indicator = new KafkaClusterHealthIndicator(settings, new KafkaBootstrap(settings, notStarted));

        assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
    }
}
