package io.tributary.config;

import java.util.Locale;

/**
 * The settings a {@link KafkaFlavor} cannot work without. Only hard requirements are enforced here (the backend
 * refuses or mis-sizes requests otherwise); the rest of a preset is advice the console offers.
 */
final class FlavorRules {

    private static final String KAFKA = "ingest-storage.kafka.";

    private FlavorRules() {
    }

    static void check(KafkaFlavor flavor, KafkaSettings kafka, Violations out) {
        if (flavor == null) {
            return;
        }
        String on = " on " + flavor.displayName() + " (tributary.kafka-flavor=" + flavor.name().toLowerCase(Locale.ROOT)
                .replace('_', '-') + ")";
        switch (flavor) {
            case WARPSTREAM -> {
                if (kafka.isUseCompressedBytesAsFetchMaxBytes()) {
                    out.add(KAFKA + "use-compressed-bytes-as-fetch-max-bytes", true, KAFKA
                            + "use-compressed-bytes-as-fetch-max-bytes must be false" + on
                            + ": WarpStream reads a fetch's MaxBytes as uncompressed bytes");
                }
                if (kafka.getClientRack() != null && !kafka.getClientRack().isBlank()) {
                    out.add(KAFKA + "client-rack", kafka.getClientRack(), KAFKA + "client-rack must be empty" + on
                            + ": WarpStream does not support rack-aware fetching");
                }
            }
            case AZURE_EVENT_HUBS -> {
                if (!"none".equals(kafka.getProducerCompression())) {
                    out.add(KAFKA + "producer-compression", kafka.getProducerCompression(), KAFKA
                            + "producer-compression must be none" + on + ": Event Hubs refuses compressed batches");
                }
                // The 1 MB event limit is preset advice only: the Dedicated tier takes 20 MB events.
                requireTls(kafka, on, "Event Hubs accepts TLS connections only", out);
            }
            case AWS_MSK -> {
                SaslMechanism mechanism = kafka.getSaslMechanism();
                if (mechanism == SaslMechanism.AWS_MSK_IAM || mechanism == SaslMechanism.SCRAM_SHA_512) {
                    requireTls(kafka, on, "MSK authenticates " + mechanism.kafkaName() + " clients only over TLS", out);
                } else if (mechanism == SaslMechanism.SCRAM_SHA_256 || mechanism == SaslMechanism.OAUTHBEARER
                        || (mechanism == SaslMechanism.PLAIN && (!kafka.getSaslUsername().isEmpty()
                        || kafka.getSaslPassword().isSet()))) {
                    out.add(KAFKA + "sasl-mechanism", mechanism.kafkaName(), KAFKA + "sasl-mechanism is "
                            + mechanism.kafkaName() + on + ", which offers only AWS_MSK_IAM and SCRAM-SHA-512"
                            + " (or no SASL on its unauthenticated listeners)");
                }
            }
            case CONFLUENT -> requireTls(kafka, on, "Confluent Cloud accepts TLS connections only", out);
            default -> {
                // Apache Kafka, Redpanda, generic: no client-side requirement.
            }
        }
    }

    private static void requireTls(KafkaSettings kafka, String on, String why, Violations out) {
        if (!kafka.isTlsEnabled()) {
            out.add(KAFKA + "tls-enabled", false, KAFKA + "tls-enabled must be true" + on + ": " + why);
        }
    }
}
