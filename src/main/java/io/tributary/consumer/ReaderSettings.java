package io.tributary.consumer;

import io.tributary.config.KafkaSettings;
import io.tributary.config.StartPosition;
import java.time.Duration;

/** The consumer settings one partition reader needs, taken from {@code ingest-storage.kafka.*}. */
record ReaderSettings(String topic, StartPosition startPosition, long startTimestampMs, Duration commitInterval,
        Duration targetLagAtStartup, Duration maxLagAtStartup, Duration requestTimeout) {

    static ReaderSettings from(KafkaSettings kafka) {
        return new ReaderSettings(kafka.getTopic(), kafka.getConsumeFromPositionAtStartup(),
                kafka.getConsumeFromTimestampAtStartup(), kafka.getConsumerGroupOffsetCommitInterval(),
                kafka.getTargetConsumerLagAtStartup(), kafka.getMaxConsumerLagAtStartup(),
                kafka.getLastProducedOffsetRetryTimeout());
    }

    boolean lagGateEnabled() {
        return !(targetLagAtStartup.isZero() && maxLagAtStartup.isZero());
    }
}
