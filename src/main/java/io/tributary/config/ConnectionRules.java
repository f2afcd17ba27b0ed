package io.tributary.config;

import java.util.regex.Pattern;

import static io.tributary.config.Violations.KAFKA;
import static io.tributary.config.Violations.isSet;

/** Checks where Tributary connects and what it writes to: the ingest-storage switch, broker lists and the topic. */
final class ConnectionRules {

    /** Kafka's own host:port shape (its {@code Utils.HOST_PORT_PATTERN}), with IPv6 hosts optionally in brackets. */
    private static final Pattern HOST_PORT = Pattern.compile("\\[?([0-9a-zA-Z\\-%._:]+)]?:([0-9]{1,5})");

    /** The characters Kafka's {@code Topic.validate} accepts. */
    private static final Pattern TOPIC_CHARS = Pattern.compile("[a-zA-Z0-9._-]+");

    private static final int MAX_TOPIC_LENGTH = 249;

    private ConnectionRules() {
    }

    static void check(IngestStorageProperties ingestStorage, Violations out) {
        if (!ingestStorage.isEnabled()) {
            out.add("ingest-storage.enabled", false, "ingest-storage.enabled is false: Tributary always runs"
                    + " ingest storage; set it to true or remove it");
        }
        KafkaSettings kafka = ingestStorage.getKafka();
        brokers(KAFKA + "address", kafka.getAddress(), out);
        brokers(KAFKA + "produce-endpoint", kafka.getProduceEndpoint(), out);
        brokers(KAFKA + "consume-endpoint", kafka.getConsumeEndpoint(), out);
        topic(kafka.getTopic(), out);
        out.positive(KAFKA + "dial-timeout", kafka.getDialTimeout());
        int partitions = kafka.getAutoCreateTopicDefaultPartitions();
        if (partitions == 0 || partitions < -1) {
            out.add(KAFKA + "auto-create-topic-default-partitions", partitions,
                    KAFKA + "auto-create-topic-default-partitions is " + partitions
                            + ": set a partition count of 1 or more, or -1 for the broker's num.partitions");
        }
    }

    /** Empty lists are fine (empty address starts the embedded broker; empty endpoints fall back to address). */
    private static void brokers(String key, String list, Violations out) {
        if (!isSet(list)) {
            return;
        }
        for (String entry : list.split(",")) {
            String broker = entry.trim();
            // Kafka's ClientUtils skips empty entries too, so a trailing comma is harmless.
            if (!broker.isEmpty() && !isHostPort(broker)) {
                out.add(key, broker, key + " has " + broker + ", which is not host:port: list brokers as"
                        + " host:port[,host:port...] with a port between 1 and 65535");
            }
        }
    }

    private static boolean isHostPort(String broker) {
        var matcher = HOST_PORT.matcher(broker);
        if (!matcher.matches()) {
            return false;
        }
        int port = Integer.parseInt(matcher.group(2));
        return port >= 1 && port <= 65535;
    }

    private static void topic(String topic, Violations out) {
        String key = KAFKA + "topic";
        if (!isSet(topic)) {
            out.add(key, topic, key + " is empty: set the topic that all tenants write to");
            return;
        }
        if (topic.equals(".") || topic.equals("..")) {
            out.add(key, topic, key + " is " + topic + ": Kafka does not accept \".\" or \"..\" as a topic name");
            return;
        }
        if (topic.length() > MAX_TOPIC_LENGTH) {
            out.add(key, topic, key + " is " + topic.length() + " characters long: Kafka topic names have at most "
                    + MAX_TOPIC_LENGTH + " characters");
        }
        if (!TOPIC_CHARS.matcher(topic).matches()) {
            out.add(key, topic, key + " is " + topic + ": Kafka topic names may contain only ASCII letters,"
                    + " digits, '.', '_' and '-'");
        }
    }
}
