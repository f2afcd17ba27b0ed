package io.tributary.console.partitions;

import java.util.List;

/**
 * One answer of {@link PartitionOffsetsProbe}: the topic's partitions at {@code takenAtMs}, and what went wrong
 * asking (empty when nothing did; a partial answer is still shown).
 */
public record TopicSnapshot(long takenAtMs, List<KafkaPartition> partitions, String error) {

    public TopicSnapshot {
        partitions = List.copyOf(partitions);
        error = error == null ? "" : error;
    }
}
