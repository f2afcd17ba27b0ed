package io.tributary.storage;

/**
 * A run of consecutive buckets of a native histogram. The first span's {@code offset} is the index of its first
 * bucket; a later span's is the gap (in buckets) after the end of the span before it. {@code length} is a protobuf
 * {@code uint32}, so read it with {@link Integer#toUnsignedLong}. Spans of length 0 are allowed and kept.
 */
public record BucketSpan(int offset, int length) {
}
