package io.tributary.consumer;

/**
 * How far one partition reader got, for lag in seconds and throughput: the last consumed offset (-1 before the
 * first), that record's produce-time timestamp in ms (-1 when nothing was consumed since the reader started),
 * and the key and value bytes consumed since the process started.
 */
public record ReaderProgress(int partition, long lastConsumedOffset, long lastConsumedTimestampMs, long consumedBytes) {
}
