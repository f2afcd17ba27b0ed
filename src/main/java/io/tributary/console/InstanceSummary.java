package io.tributary.console;

/**
 * What the console's home page says about this instance: its roles, which Kafka it writes to and reads from, and
 * the topic; {@code embeddedBroker} is true when that Kafka is the in-process evaluation broker.
 */
public record InstanceSummary(String target, String instanceId, String kafkaAddress, boolean embeddedBroker,
                              String topic) {
}
