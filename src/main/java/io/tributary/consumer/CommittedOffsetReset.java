package io.tributary.consumer;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Moves one partition's committed offset in its consumer group with the Admin API, while no reader uses the
 * group. The committed offset is the last consumed record (Mimir's convention), so "read next from offset n" is
 * stored as {@code n - 1}, and as no committed offset at all when {@code n} is 0 (Kafka refuses negative offsets).
 */
final class CommittedOffsetReset {
    private final Admin admin;
    private final Duration timeout;

    CommittedOffsetReset(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    OffsetResetOutcome reset(TopicPartition tp, String group, OffsetResetTarget target) {
        long start = offset(tp, OffsetSpec.earliest());
        long end = offset(tp, OffsetSpec.latest());
        long next = switch (target.kind()) {
            case START -> start;
            case END -> end;
            case TIMESTAMP -> {
                long found = offset(tp, OffsetSpec.forTimestamp(target.value()));
                yield found < 0 ? end : found;
            }
            case OFFSET -> {
                if (target.value() < start || target.value() > end) {
                    throw new IllegalArgumentException("offset " + target.value() + " is outside partition "
                            + tp.partition() + ": the log starts at " + start + " and ends at " + end
                            + " (choose " + start + ".." + end + ")");
                }
                yield target.value();
            }
        };
        long before = committed(tp, group);
        try {
            if (next == 0) {
                admin.deleteConsumerGroupOffsets(group, Set.of(tp)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                admin.alterConsumerGroupOffsets(group, Map.of(tp, new OffsetAndMetadata(next - 1))).all()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw failure("setting the committed offset of consumer group " + group + " on " + tp, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while resetting " + tp, e);
        }
        return new OffsetResetOutcome(tp.partition(), group, before, next - 1, next);
    }

    private long offset(TopicPartition tp, OffsetSpec spec) {
        try {
            ListOffsetsResult.ListOffsetsResultInfo info = admin.listOffsets(Map.of(tp, spec)).partitionResult(tp)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return info.offset();
        } catch (ExecutionException | TimeoutException e) {
            throw failure("listing offsets of " + tp, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while listing offsets of " + tp, e);
        }
    }

    private long committed(TopicPartition tp, String group) {
        try {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(tp);
            return committed == null ? -1 : committed.offset();
        } catch (ExecutionException | TimeoutException e) {
            throw failure("reading the committed offset of consumer group " + group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while reading consumer group " + group, e);
        }
    }

    private static KafkaException failure(String what, Exception e) {
        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
        return new KafkaException(what + " failed: " + cause, cause);
    }
}
