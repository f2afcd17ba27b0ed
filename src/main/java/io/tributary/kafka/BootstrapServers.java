package io.tributary.kafka;

import io.tributary.config.KafkaSettings;

/**
 * Picks the configured broker list for each kind of client from {@code ingest-storage.kafka.*}:
 * the dedicated produce/consume endpoints win over {@code address}, so a deployment can send writes
 * and reads through different listeners (or proxies) while sharing one topic.
 * <p>
 * This only reads the settings; whether the in-process broker replaces them is {@link KafkaBootstrap}'s call.
 */
public final class BootstrapServers {

    private BootstrapServers() {
    }

    /** Brokers the producer talks to: produce-endpoint, else address; "" when neither is set. */
    public static String producer(KafkaSettings settings) {
        return firstSet(settings.getProduceEndpoint(), settings.getAddress());
    }

    /** Brokers the partition readers talk to: consume-endpoint, else address; "" when neither is set. */
    public static String consumer(KafkaSettings settings) {
        return firstSet(settings.getConsumeEndpoint(), settings.getAddress());
    }

    /**
     * Brokers for metadata and topic administration: address, else produce-endpoint, else consume-endpoint.
     * Admin traffic belongs to the cluster as a whole, so any listener of it will do.
     */
    public static String admin(KafkaSettings settings) {
        return firstSet(settings.getAddress(), settings.getProduceEndpoint(), settings.getConsumeEndpoint());
    }

    /** True when no broker is configured at all, which is what starts the in-process evaluation broker. */
    public static boolean noneConfigured(KafkaSettings settings) {
        return admin(settings).isEmpty();
    }

    private static String firstSet(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return normalise(candidate);
            }
        }
        return "";
    }

    /** One canonical spelling ("a:9092,b:9092"), so what the console and /actuator/info show matches what clients use. */
    private static String normalise(String list) {
        return String.join(",", java.util.Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList());
    }
}
