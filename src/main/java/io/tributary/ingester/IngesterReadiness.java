package io.tributary.ingester;

import io.tributary.consumer.PartitionReaders;
import io.tributary.consumer.PartitionStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of the ingester role: down until every owned partition has consumed its backlog within
 * {@code max-consumer-lag-at-startup} (Mimir's startup rule), so reads never see a half-replayed head.
 */
final class IngesterReadiness implements HealthIndicator {
    private final PartitionReaders readers;

    IngesterReadiness(PartitionReaders readers) {
        this.readers = readers;
    }

    @Override
    public Health health() {
        Map<String, Object> partitions = new LinkedHashMap<>();
        for (PartitionStatus s : readers.statuses()) {
            partitions.put(Integer.toString(s.partition()), s.state() + " at offset " + s.lastConsumedOffset()
                    + (s.lastError() == null ? "" : " (last error: " + s.lastError() + ")"));
        }
        Health.Builder health = readers.allCaughtUp() ? Health.up() : Health.down()
                .withDetail("reason", "partition readers are still catching up with the topic");
        return health.withDetail("partitions", partitions).build();
    }
}
