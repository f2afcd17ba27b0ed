package io.tributary.verify;

import io.tributary.config.ValidatedSettings;
import java.util.List;

/**
 * The Kafka-level checks in the order a run executes them, shared by the server and the {@code verify} command so
 * both judge a deployment by the same rules. Order matters: reachability first (everything else needs it), the
 * canary record before the consumer check, so the consumers have something fresh to consume and commit.
 */
public final class VerificationChecks {

    private VerificationChecks() {
    }

    public static List<Check> kafkaLevel(KafkaProbe kafka, ValidatedSettings settings) {
        return List.of(
                new BrokerConnectionCheck(kafka),
                new TopicExistsCheck(kafka),
                new TopicPartitionsCheck(kafka, settings.tributary()),
                new ReplicationFactorCheck(kafka),
                new MaxMessageBytesCheck(kafka),
                new TopicRetentionCheck(kafka, settings.blocksStorage().getTsdb().getBlockRangesPeriod()),
                new ProduceCanaryCheck(kafka));
    }
}
