package io.tributary.console.partitions;

import java.time.Instant;

/**
 * One block in the bucket, from its {@code meta.json}: the tenant, the time range (max exclusive, as in
 * Prometheus), series and samples, the size of its files, and when its {@code meta.json} (uploaded last) was
 * written (null when the bucket does not say). {@code problem} is set instead when the meta could not be read.
 */
public record BlockRow(String tenant, String ulid, Instant minTime, Instant maxTime, long series, long samples,
        long sizeBytes, Instant uploadedAt, String problem) {
}
