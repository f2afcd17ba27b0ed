package io.tributary.console.partitions;

import java.util.List;

/**
 * What Kafka says about one partition at one moment. Offsets are -1 when Kafka did not answer;
 * {@code committedOffset} is -1 when the consumer group has no committed offset for it, and {@code newestTimestampMs}
 * is -1 for an empty partition.
 *
 * @param leader broker id of the leader, -1 when the partition has none
 * @param sizeBytes bytes of the leader's log of this partition, -1 when unknown
 */
public record KafkaPartition(int partition, int leader, List<Integer> replicas, List<Integer> isr, long logStartOffset,
        long logEndOffset, long newestTimestampMs, long sizeBytes, long committedOffset) {

    public KafkaPartition {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }
}
