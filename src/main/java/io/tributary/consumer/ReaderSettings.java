package io.tributary.consumer;

import io.tributary.config.KafkaSettings;
import io.tributary.config.StartPosition;
import io.tributary.kafka.KafkaFailureExplainer;
import java.time.Duration;

/** The consumer settings one partition reader needs, taken from {@code ingest-storage.kafka.*}. */
record ReaderSettings(String topic, StartPosition startPosition, long startTimestampMs, Duration commitInterval,
        Duration targetLagAtStartup, Duration maxLagAtStartup, Duration requestTimeout, KafkaSettings kafka) {

    static ReaderSettings from(KafkaSettings kafka) {
        return new ReaderSettings(kafka.getTopic(), kafka.getConsumeFromPositionAtStartup(),
                kafka.getConsumeFromTimestampAtStartup(), kafka.getConsumerGroupOffsetCommitInterval(),
                kafka.getTargetConsumerLagAtStartup(), kafka.getMaxConsumerLagAtStartup(),
                kafka.getLastProducedOffsetRetryTimeout(), kafka);
    }

    /** A Kafka failure in the operator's words, naming the setting to fix (see {@link KafkaFailureExplainer}). */
    String explain(Throwable failure) {
        return KafkaFailureExplainer.explain(failure, kafka);
    }

    boolean lagGateEnabled() {
        return !(targetLagAtStartup.isZero() && maxLagAtStartup.isZero());
    }
}
