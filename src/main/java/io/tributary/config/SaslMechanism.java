package io.tributary.config;

/** SASL mechanisms accepted by {@code ingest-storage.kafka.sasl-mechanism}, spelled as Kafka and Mimir spell them. */
public enum SaslMechanism {
    PLAIN("PLAIN"),
    SCRAM_SHA_256("SCRAM-SHA-256"),
    SCRAM_SHA_512("SCRAM-SHA-512"),
    OAUTHBEARER("OAUTHBEARER"),
    AWS_MSK_IAM("AWS_MSK_IAM");

    private final String kafkaName;

    SaslMechanism(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    /** The name Kafka's {@code sasl.mechanism} expects. */
    public String kafkaName() {
        return kafkaName;
    }
}
