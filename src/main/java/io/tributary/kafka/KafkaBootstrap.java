package io.tributary.kafka;

import io.tributary.config.KafkaSettings;

/**
 * Answers "which brokers does this client connect to?" for every Kafka client in Tributary: the embedded
 * broker's address when it runs, else the configured produce/consume endpoints or address
 * (see {@link BootstrapServers}). Asking here, at client creation time, keeps that decision in one place.
 */
public class KafkaBootstrap {

    private final KafkaSettings settings;
    private final EmbeddedKafkaBroker embedded;

    /**
     * @param settings the {@code ingest-storage.kafka} settings
     * @param embedded the in-process broker, or null when a Kafka address is configured
     */
    public KafkaBootstrap(KafkaSettings settings, EmbeddedKafkaBroker embedded) {
        this.settings = settings;
        this.embedded = embedded;
    }

    /** Bootstrap servers for the producer. */
    public String producer() {
        return usesEmbedded() ? embedded.bootstrapServers()
                : required(BootstrapServers.producer(settings), "produce-endpoint");
    }

    /** Bootstrap servers for partition readers and offset readers. */
    public String consumer() {
        return usesEmbedded() ? embedded.bootstrapServers()
                : required(BootstrapServers.consumer(settings), "consume-endpoint");
    }

    /** Bootstrap servers for the admin client (topics, metadata, health). */
    public String admin() {
        return usesEmbedded() ? embedded.bootstrapServers()
                : required(BootstrapServers.admin(settings), "produce-endpoint");
    }

    /** True when clients talk to the in-process evaluation broker. */
    public boolean isEmbedded() {
        return usesEmbedded();
    }

    /**
     * Asked at every client creation: settings applied from the console may point an instance that started with
     * the embedded broker at a real cluster (the embedded broker keeps running, unused, until shutdown).
     */
    private boolean usesEmbedded() {
        return embedded != null && BootstrapServers.noneConfigured(settings);
    }

    /** The in-process broker's address, or null when a Kafka address is configured. */
    public String embeddedAddress() {
        return embedded != null && embedded.isRunning() ? embedded.bootstrapServers() : null;
    }

    private static String required(String servers, String endpointKey) {
        if (servers.isEmpty()) {
            throw new IllegalStateException("Neither ingest-storage.kafka." + endpointKey
                    + " nor ingest-storage.kafka.address is set: set address (or " + endpointKey + ")");
        }
        return servers;
    }
}
