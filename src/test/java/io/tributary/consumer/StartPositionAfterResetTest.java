package io.tributary.consumer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a reader restarted after an offset reset begins: after the committed offset, whatever else says. */
class StartPositionAfterResetTest {
    private static final TopicPartition PARTITION = new TopicPartition("metrics-eu-west", 3);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());

    @BeforeEach
    void aPartitionRetainingOffsets40To120() {
        consumer.assign(List.of(PARTITION));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 40L));
        consumer.updateEndOffsets(Map.of(PARTITION, 120L));
    }

    @Test
    void the_reader_resumes_after_the_committed_offset() {
        consumer.commitSync(Map.of(PARTITION, new OffsetAndMetadata(99)));

        StartPositionResolver.Decision decision = StartPositionResolver.afterCommitted(consumer, PARTITION, TIMEOUT);

        assertThat(decision.offset()).isEqualTo(100);
        assertThat(decision.waitForLag()).isFalse();
    }

    @Test
    void without_a_committed_offset_the_reader_starts_at_the_log_start() {
        assertThat(StartPositionResolver.afterCommitted(consumer, PARTITION, TIMEOUT).offset()).isEqualTo(40);
    }

    @Test
    void a_committed_offset_below_the_log_start_resumes_at_the_log_start() {
        consumer.commitSync(Map.of(PARTITION, new OffsetAndMetadata(10)));

        assertThat(StartPositionResolver.afterCommitted(consumer, PARTITION, TIMEOUT).offset()).isEqualTo(40);
    }
}
