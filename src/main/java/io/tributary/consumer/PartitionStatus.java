package io.tributary.consumer;

import java.time.Instant;

/**
 * A point-in-time view of one partition reader for health checks, the console and logs. Offsets are -1 when
 * unknown; {@code lastConsumedOffset} and {@code lastCommittedOffset} follow Mimir: the committed offset is the
 * last consumed record, and a restart resumes after it.
 */
public record PartitionStatus(int partition, String consumerGroup, PartitionState state, long startOffset,
        long lastConsumedOffset, long lastCommittedOffset, long undecodableRecords, String lastError,
        Instant lastErrorAt) {
}
