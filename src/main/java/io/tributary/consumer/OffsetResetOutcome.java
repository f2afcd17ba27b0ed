package io.tributary.consumer;

/**
 * What an offset reset did: the committed offset before and after (-1 for none; the committed offset is the last
 * consumed record, so after a reset it is {@code nextOffset - 1}) and the offset the reader reads next.
 */
public record OffsetResetOutcome(int partition, String consumerGroup, long committedBefore, long committedAfter,
        long nextOffset) {
}
