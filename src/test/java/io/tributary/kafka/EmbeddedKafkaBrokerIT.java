package io.tributary.kafka;

import io.tributary.config.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** One broker for the class; the last test restarts it on the same directory. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddedKafkaBrokerIT {

    private static final String TOPIC = "tenant-writes";
    private static final int RECORD_BYTES = 15_000_000;

    private static final KafkaSettings settings = new KafkaSettings();
    private static Path logDir;
    private static ServerSocket holder;
    private static EmbeddedKafkaBroker broker;
    private static byte[] largeWriteRequest;
    private static long largeRecordOffset;

    @BeforeAll
    static void startWhile9092IsTaken() throws IOException {
        holder = hold9092();
        logDir = Files.createDirectories(Path.of("target", "it-embedded-" + UUID.randomUUID(), "kafka"));
        broker = new EmbeddedKafkaBroker(logDir, 9092, 4);
        broker.start();
        largeWriteRequest = new byte[RECORD_BYTES];
        new Random(42).nextBytes(largeWriteRequest);
    }

    /** Holds 9092 on loopback when it is free; when it isn't, someone else already holds it. */
    private static ServerSocket hold9092() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 9092));
            return socket;
        } catch (IOException alreadyTaken) {
            return null;
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (broker != null) {
            broker.stop();
        }
        if (holder != null) {
            holder.close();
        }
    }

    @Test
    @Order(1)
    void listensOnAFreeLoopbackPortWhen9092IsTaken() {
        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:").isNotEqualTo("127.0.0.1:9092");
    }

    @Test
    @Order(2)
    void carriesA15MegabyteRecordThroughClientsBuiltFromSettings() throws Exception {
        try (Admin admin = Admin.create(KafkaClientProperties.admin(settings, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get(10, TimeUnit.SECONDS);
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaClientProperties.producer(settings, broker.bootstrapServers()))) {
            RecordMetadata written = producer.send(new ProducerRecord<>(TOPIC, 1, "tenant-1".getBytes(StandardCharsets.UTF_8), largeWriteRequest))
                    .get(10, TimeUnit.SECONDS);
            largeRecordOffset = written.offset();
        }

        assertThat(readPartition1()).isEqualTo(largeWriteRequest);
    }

    @Test
    @Order(3)
    void keepsTopicsAndRecordsAcrossARestartOnTheSameDirectory() throws Exception {
        broker.stop();
        broker = new EmbeddedKafkaBroker(logDir, 9092, 4);
        broker.start();

        try (Admin admin = Admin.create(KafkaClientProperties.admin(settings, broker.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains(TOPIC);
        }
        assertThat(readPartition1()).isEqualTo(largeWriteRequest);
    }

    private static byte[] readPartition1() {
        TopicPartition partition = new TopicPartition(TOPIC, 1);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClientProperties.consumer(settings, broker.bootstrapServers()))) {
            consumer.assign(Set.of(partition));
            consumer.seek(partition, largeRecordOffset);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            assertThat(records).isNotEmpty();
            assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("tenant-1");
            return records.get(0).value();
        }
    }
}
