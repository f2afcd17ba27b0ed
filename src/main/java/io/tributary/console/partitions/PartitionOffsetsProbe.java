package io.tributary.console.partitions;

import java.util.Map;

/** Asks Kafka for the topic's partitions: leaders, replicas, offsets, sizes and the readers' committed offsets. */
public interface PartitionOffsetsProbe {

    /**
     * @param consumerGroups per partition, the consumer group whose committed offset to read (partitions without
     *        one get -1)
     */
    TopicSnapshot probe(Map<Integer, String> consumerGroups);
}
