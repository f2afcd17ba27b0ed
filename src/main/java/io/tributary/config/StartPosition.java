package io.tributary.config;

/** Where a partition reader starts at startup ({@code ingest-storage.kafka.consume-from-position-at-startup}). */
public enum StartPosition {
    /** The committed offset of the partition's consumer group, else the partition start. */
    LAST_OFFSET,
    /** The earliest offset still in the partition. */
    START,
    /** The end of the partition: skips the backlog, which loses whatever was not yet consumed. */
    END,
    /** The first offset at or after {@code consume-from-timestamp-at-startup}. */
    TIMESTAMP
}
