package io.tributary.kafka;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tributary.config.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** One embedded broker (num.partitions=3) for the class; each test uses its own topic. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TopicProvisionerIT {

    private static EmbeddedKafkaBroker broker;
    private static Admin admin;

    private final List<TopicProvisioner> started = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger provisionerLog = (Logger) LoggerFactory.getLogger(TopicProvisioner.class);

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaBroker(Path.of("target", "it-topics-" + UUID.randomUUID(), "kafka"), 0, 3);
        broker.start();
        admin = Admin.create(KafkaClientProperties.admin(new KafkaSettings(), broker.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        admin.close(Duration.ZERO);
        broker.stop();
    }

    @BeforeEach
    void captureLogs() {
        logs.start();
        provisionerLog.addAppender(logs);
    }

    @AfterEach
    void stopProvisioners() {
        provisionerLog.detachAppender(logs);
        started.forEach(TopicProvisioner::stop);
    }

    private TopicProvisioner start(KafkaSettings settings) {
        TopicProvisioner provisioner = new TopicProvisioner(settings, new KafkaBootstrap(settings, broker), Duration.ofMillis(200));
        started.add(provisioner);
        provisioner.start();
        return provisioner;
    }

    private static KafkaSettings settingsFor(String topic, int partitions) {
        KafkaSettings settings = new KafkaSettings();
        settings.setTopic(topic);
        settings.setAutoCreateTopicDefaultPartitions(partitions);
        return settings;
    }

    private static String topicConfig(String topic, String key) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(Set.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource).get(key).value();
    }

    @Test
    void createsTheTopicWithTheRequestedPartitionsAndRoomForTheLargestRecord() throws Exception {
        TopicProvisioner provisioner = start(settingsFor("ingest-created", 6));

        assertThat(provisioner.partitionCount()).isEqualTo(6);
        assertThat(admin.describeTopics(List.of("ingest-created")).allTopicNames().get().get("ingest-created").partitions()).hasSize(6);
        assertThat(topicConfig("ingest-created", "max.message.bytes")).isEqualTo("16000000");
        assertThat(logs.list).noneMatch(event -> event.getLevel() == Level.WARN);
    }

    @Test
    void leavesThePartitionCountToTheBrokerWhenAskedForMinusOne() {
        TopicProvisioner provisioner = start(settingsFor("ingest-broker-default", -1));

        assertThat(provisioner.partitionCount()).isEqualTo(3);
    }

    @Test
    void warnsWithTheFixCommandsAboutAnExistingUndersizedTopic() throws Exception {
        admin.createTopics(List.of(new NewTopic("ingest-undersized", 2, (short) 1)
                .configs(Map.of("max.message.bytes", "1048576")))).all().get(10, TimeUnit.SECONDS);

        TopicProvisioner provisioner = start(settingsFor("ingest-undersized", 4));

        assertThat(provisioner.partitionCount()).isEqualTo(2);
        assertThat(topicConfig("ingest-undersized", "max.message.bytes")).isEqualTo("1048576");
        assertThat(logs.list).filteredOn(event -> event.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(message -> assertThat(message).contains("max.message.bytes=1048576").contains(
                        "kafka-configs.sh --bootstrap-server " + broker.bootstrapServers()
                                + " --alter --entity-type topics --entity-name ingest-undersized --add-config max.message.bytes=16000000"))
                .anySatisfy(message -> assertThat(message).contains("has 2 partitions").contains(
                        "kafka-topics.sh --bootstrap-server " + broker.bootstrapServers()
                                + " --alter --topic ingest-undersized --partitions 4"));
    }

    @Test
    void failsStartupWhenTheTopicIsMissingAndAutoCreationIsOff() throws Exception {
        KafkaSettings settings = settingsFor("ingest-missing", 4);
        settings.setAutoCreateTopicEnabled(false);

        assertThatThrownBy(() -> start(settings))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Kafka topic 'ingest-missing' does not exist")
                .hasMessageContaining("ingest-storage.kafka.auto-create-topic-enabled is false");
        assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).doesNotContain("ingest-missing");
    }

    @Test
    void acceptsATopicCreatedByAnotherInstanceMeanwhile() {
        TopicProvisioner first = start(settingsFor("ingest-shared", 5));
        TopicProvisioner second = start(settingsFor("ingest-shared", 5));

        assertThat(first.partitionCount()).isEqualTo(5);
        assertThat(second.partitionCount()).isEqualTo(5);
    }

    @Test
    void seesAddedPartitionsAtTheNextRefresh() throws Exception {
        TopicProvisioner provisioner = start(settingsFor("ingest-growing", 2));

        admin.createPartitions(Map.of("ingest-growing", NewPartitions.increaseTo(4))).all().get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(10)).until(provisioner::partitionCount, count -> count == 4);
    }
}
