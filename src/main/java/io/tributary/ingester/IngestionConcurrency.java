package io.tributary.ingester;

import io.tributary.config.KafkaSettings;

/**
 * How many threads append one record's series to a tenant's head: Mimir's {@code ingestion-concurrency-*}.
 *
 * <p>The shard count follows Mimir's sizing: the record's bytes over the estimated bytes per sample give a
 * series estimate, and a shard is worth it per {@code targetFlushesPerShard} batches of {@code batchSize}
 * series, capped at {@code max}. With Mimir's defaults (200 bytes, 150 series, 40 flushes) a record needs
 * 2.4 MB (12,000 estimated series) before a second shard pays, so ordinary remote-write requests are still
 * appended by the reader alone.
 *
 * <p>Mimir's queue capacity has no counterpart: a shard gets its whole share of the record at once, and the
 * reader waits for all shards before the next record, which is what keeps every series' samples in order.
 */
record IngestionConcurrency(int max, int batchSize, int targetFlushesPerShard, int estimatedBytesPerSample) {
    static final IngestionConcurrency SEQUENTIAL = new IngestionConcurrency(0, 150, 40, 200);

    static IngestionConcurrency of(KafkaSettings kafka) {
        return new IngestionConcurrency(kafka.getIngestionConcurrencyMax(), kafka.getIngestionConcurrencyBatchSize(),
                kafka.getIngestionConcurrencyTargetFlushesPerShard(),
                kafka.getIngestionConcurrencyEstimatedBytesPerSample());
    }

    boolean enabled() {
        return max > 1;
    }

    /** Shards for a record of {@code recordBytes} holding {@code seriesCount} series: 1 (sequential) up to max. */
    int shardsFor(int recordBytes, int seriesCount) {
        if (!enabled()) {
            return 1;
        }
        long estimatedSeries = recordBytes / Math.max(1, estimatedBytesPerSample);
        long shards = estimatedSeries / Math.max(1, batchSize) / Math.max(1, targetFlushesPerShard);
        return (int) Math.max(1, Math.min(Math.min(max, shards), seriesCount));
    }
}
