package io.tributary.support;

import io.tributary.testing.MimirRecords;
import io.tributary.testing.MimirRecords.MimirRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A plain Kafka producer set up the way Mimir's distributor produces (shared/reference §4): acks=all, idempotence
 * off, up to 20 requests in flight, 50 ms linger, snappy (franz-go's default codec), 16 MB batches; explicit
 * partition, key = tenant, header {@code Version} except for version 0. Nothing of Tributary's write path is used.
 */
public final class MimirStyleProducer implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    public MimirStyleProducer(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, "snappy");
    }

    /**
     * With another codec: Mimir's {@code producer-compression}, e.g. {@code none}, which makes the bytes on the wire
     * the bytes of the records.
     */
    public MimirStyleProducer(String bootstrapServers, String topic, String compression) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 20,
                ProducerConfig.LINGER_MS_CONFIG, 50,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, compression,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16_000_000));
    }

    /** Writes one record to {@code partition} and waits for the acknowledgement; returns its offset. */
    public long send(int partition, MimirRecord record) throws InterruptedException, ExecutionException, TimeoutException {
        return producer.send(kafkaRecord(partition, record)).get(30, TimeUnit.SECONDS).offset();
    }

    /** Writes the records to {@code partition} in order, batched as the producer likes, and waits for them all. */
    public void sendAll(int partition, List<MimirRecord> records)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (MimirRecord record : records) {
            acks.add(producer.send(kafkaRecord(partition, record)));
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }
    }

    private ProducerRecord<byte[], byte[]> kafkaRecord(int partition, MimirRecord record) {
        ProducerRecord<byte[], byte[]> kafkaRecord = new ProducerRecord<>(topic, partition,
                record.tenant().getBytes(StandardCharsets.UTF_8), record.value());
        if (record.version() != null) {
            kafkaRecord.headers().add(MimirRecords.VERSION_HEADER, MimirRecords.versionHeader(record.version()));
        }
        return kafkaRecord;
    }

    @Override
    public void close() {
        producer.close();
    }
}
