package io.tributary.console.partitions;

import java.time.Instant;
import java.util.List;

/**
 * Everything the partitions page shows from one sample: the partitions, the topic's totals (LAG summed, lag in
 * seconds the worst partition's) and the tenants. {@code readersHere} is false where this process reads no
 * partition (target=distributor): the reader columns stay empty.
 */
public record PartitionsView(long takenAtMs, String error, boolean readersHere, List<PartitionRow> partitions,
        Long topicLag, Double topicLagSeconds, List<TenantRow> tenants) {

    public PartitionsView {
        partitions = List.copyOf(partitions);
        tenants = List.copyOf(tenants);
    }

    /** When the sample was taken. */
    public Instant takenAt() {
        return Instant.ofEpochMilli(takenAtMs);
    }

    /** The row of one partition, or null when the topic has no such partition. */
    public PartitionRow partition(int partition) {
        return partitions.stream().filter(r -> r.partition() == partition).findFirst().orElse(null);
    }
}
