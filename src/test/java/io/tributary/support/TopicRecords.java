package io.tributary.support;

import io.tributary.config.KafkaSettings;
import io.tributary.kafka.KafkaClientProperties;
import io.tributary.protocol.MimirWriteRequest;
import io.tributary.protocol.RecordDecoder;
import io.tributary.protocol.RecordVersion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a whole topic back with a plain Kafka consumer and decodes the records as an ingester would. */
public final class TopicRecords {

    private TopicRecords() {
    }

    /** One record as found on the topic. */
    public record Found(int partition, long offset, String tenant, RecordVersion version, MimirWriteRequest request) {
    }

    /** Every record currently in the topic, from the start of every partition to its end. */
    public static List<Found> readAll(String bootstrap, String topic) {
        Map<String, Object> props = KafkaClientProperties.consumer(new KafkaSettings(), bootstrap);
        List<Found> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end offsets " + end);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    found.add(decode(record));
                }
            }
        }
        return found;
    }

    static Found decode(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(RecordVersion.HEADER_KEY);
        RecordVersion version = header == null ? RecordVersion.of(0) : RecordVersion.fromHeader(header.value());
        return new Found(record.partition(), record.offset(), new String(record.key(), StandardCharsets.UTF_8),
                version, RecordDecoder.decode(record.value(), version));
    }
}
