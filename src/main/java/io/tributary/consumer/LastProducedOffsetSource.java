package io.tributary.consumer;

import java.time.Duration;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells the startup lag gate a partition's last produced offset (log end - 1; below the partition start when it
 * is empty). It must not ask on the partition reader's own consumer: a broker answers one request per connection
 * at a time, so there the question would wait behind the consumer's long-poll fetch, which the broker holds for
 * up to {@code fetch-max-wait} when no new record arrives.
 */
@FunctionalInterface
interface LastProducedOffsetSource {

    /** Asks the broker now; fails with a Kafka exception when it does not answer within {@code timeout}. */
    long lastProducedOffset(TopicPartition partition, Duration timeout);
}
