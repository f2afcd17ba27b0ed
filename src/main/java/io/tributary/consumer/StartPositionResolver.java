package io.tributary.consumer;

import io.tributary.config.StartPosition;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the first offset a partition reader consumes. With {@code last-offset} the replay checkpoint wins
 * (it restores the head after a crash), then the group's committed offset + 1 (Mimir commits the last consumed
 * record), then the partition start. {@code start}, {@code end} and {@code timestamp} are operator overrides and
 * ignore both, as in Mimir.
 */
final class StartPositionResolver {
    private static final Logger log = LoggerFactory.getLogger(StartPositionResolver.class);

    /** Where to start, why, and whether the startup lag gate applies. */
    record Decision(long offset, String reason, boolean waitForLag) {
    }

    private StartPositionResolver() {
    }

    static Decision resolve(Consumer<byte[], byte[]> consumer, TopicPartition tp, StartPosition position,
            long timestampMs, OptionalLong checkpoint, Duration timeout) {
        long start = consumer.beginningOffsets(Set.of(tp), timeout).get(tp);
        long end = consumer.endOffsets(Set.of(tp), timeout).get(tp);
        return switch (position) {
            case START -> new Decision(start, "consume-from-position-at-startup=start", true);
            case END -> new Decision(end, "consume-from-position-at-startup=end (the backlog is skipped)", false);
            case TIMESTAMP -> atTimestamp(consumer, tp, timestampMs, end, timeout);
            case LAST_OFFSET -> lastOffset(consumer, tp, checkpoint, start, timeout);
        };
    }

    /**
     * After an offset reset: the group's committed offset + 1, or the partition start when the reset removed the
     * committed offset. Neither the configured start position nor the replay checkpoint is consulted, so the
     * reader resumes exactly where the operator put it.
     */
    static Decision afterCommitted(Consumer<byte[], byte[]> consumer, TopicPartition tp, Duration timeout) {
        long start = consumer.beginningOffsets(Set.of(tp), timeout).get(tp);
        OffsetAndMetadata committed = consumer.committed(Set.of(tp), timeout).get(tp);
        if (committed == null) {
            return new Decision(start, "offset reset: no committed offset, partition start", false);
        }
        return new Decision(Math.max(committed.offset() + 1, start),
                "offset reset: committed offset " + committed.offset() + " + 1", false);
    }

    private static Decision atTimestamp(Consumer<byte[], byte[]> consumer, TopicPartition tp, long timestampMs, long end,
            Duration timeout) {
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(Map.of(tp, timestampMs), timeout);
        OffsetAndTimestamp at = found.get(tp);
        if (at == null) {
            return new Decision(end, "no record at or after timestamp " + timestampMs + ": starting at the end", true);
        }
        return new Decision(at.offset(), "first record at or after timestamp " + timestampMs, true);
    }

    private static Decision lastOffset(Consumer<byte[], byte[]> consumer, TopicPartition tp, OptionalLong checkpoint,
            long start, Duration timeout) {
        if (checkpoint.isPresent()) {
            long replay = checkpoint.getAsLong();
            if (replay < start) {
                log.warn("partition {}: the replay checkpoint is at offset {} but the partition now starts at {}: "
                        + "records {}..{} were deleted by retention before they reached a block and are lost; raise "
                        + "the topic's retention.ms above the block range", tp.partition(), replay, start, replay, start - 1);
                return new Decision(start, "replay checkpoint " + replay + " is below the partition start", true);
            }
            return new Decision(replay, "replay checkpoint (first offset not yet in an uploaded block)", true);
        }
        OffsetAndMetadata committed = consumer.committed(Set.of(tp), timeout).get(tp);
        if (committed == null) {
            log.warn("partition {}: no committed offset in the consumer group; starting from the partition start ({})",
                    tp.partition(), start);
            return new Decision(start, "no committed offset: partition start", true);
        }
        long next = Math.max(committed.offset() + 1, start);
        return new Decision(next, "committed offset " + committed.offset() + " + 1", true);
    }
}
