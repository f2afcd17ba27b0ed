package io.tributary.console.partitions;

import java.util.List;

/**
 * One line of the partitions table, in the vocabulary of docs/console-partitions.md. Boxed values are null when
 * unknown: Kafka did not answer, or no reader of this process owns the partition (target=distributor).
 *
 * @param lastProduced LOG-END-OFFSET − 1 (-1: nothing produced yet)
 * @param currentOffset CURRENT-OFFSET: the consumer group's committed offset, the last consumed record (-1: none)
 * @param lag last produced − max(CURRENT-OFFSET, log start − 1): records not yet committed as consumed
 * @param lagSeconds newest record's timestamp − the timestamp of the record the reader consumed last; 0 when it
 *        consumed everything produced
 */
public record PartitionRow(int partition, int leader, List<Integer> replicas, List<Integer> isr, Long logStartOffset,
        Long logEndOffset, Long lastProduced, Long currentOffset, Long lastConsumed, Long lag, Double lagSeconds,
        String consumerGroup, String state, String lastError, Double recordsInPerSecond, Double recordsOutPerSecond,
        Double bytesInPerSecond, Double bytesOutPerSecond) {

    public PartitionRow {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }

    /** True when the partition is under-replicated (fewer in-sync replicas than replicas). */
    public boolean underReplicated() {
        return isr.size() < replicas.size();
    }

    /**
     * Combines Kafka's view and this process's reader of one partition, with rates since the previous sample.
     *
     * @param before the same partition one sample earlier, null on the first sample
     * @param reader null when no reader of this process owns the partition
     */
    public static PartitionRow of(KafkaPartition kafka, long atMs, KafkaPartition before, long beforeMs,
            ReaderSample reader, ReaderSample readerBefore) {
        Long start = known(kafka.logStartOffset());
        Long end = known(kafka.logEndOffset());
        Long lastProduced = end == null ? null : end - 1;
        Long current = reader == null ? null : kafka.committedOffset();
        Long lag = null;
        if (lastProduced != null && current != null && start != null) {
            lag = Math.max(0, lastProduced - Math.max(current, start - 1));
        }
        Long lastConsumed = reader == null ? null : reader.progress().lastConsumedOffset();
        Double lagSeconds = reader == null || lastProduced == null ? null
                : lagSeconds(lastProduced, kafka.newestTimestampMs(), reader.progress().lastConsumedOffset(),
                        reader.progress().lastConsumedTimestampMs());
        Double recordsIn = before == null ? null
                : Throughput.perSecond(before.logEndOffset(), beforeMs, kafka.logEndOffset(), atMs);
        Double bytesIn = before == null ? null
                : Throughput.perSecond(before.sizeBytes(), beforeMs, kafka.sizeBytes(), atMs);
        Double recordsOut = null;
        Double bytesOut = null;
        if (reader != null && readerBefore != null) {
            recordsOut = Throughput.perSecond(readerBefore.progress().lastConsumedOffset(), beforeMs,
                    reader.progress().lastConsumedOffset(), atMs);
            bytesOut = Throughput.perSecond(readerBefore.progress().consumedBytes(), beforeMs,
                    reader.progress().consumedBytes(), atMs);
        }
        return new PartitionRow(kafka.partition(), kafka.leader(), kafka.replicas(), kafka.isr(), start, end,
                lastProduced, current, lastConsumed, lag, lagSeconds,
                reader == null ? null : reader.status().consumerGroup(),
                reader == null ? null : reader.status().state().name(),
                reader == null ? null : reader.status().lastError(), recordsIn, recordsOut, bytesIn, bytesOut);
    }

    /**
     * Lag in seconds as produce time: how much older the last consumed record is than the newest record. Null when
     * the reader has consumed nothing since it started while records wait, or timestamps are missing.
     */
    static Double lagSeconds(long lastProduced, long newestTimestampMs, long lastConsumed, long lastConsumedTimestampMs) {
        if (lastConsumed >= lastProduced) {
            return 0.0;
        }
        if (newestTimestampMs < 0 || lastConsumedTimestampMs < 0) {
            return null;
        }
        return Math.max(0, newestTimestampMs - lastConsumedTimestampMs) / 1000.0;
    }

    private static Long known(long offset) {
        return offset < 0 ? null : offset;
    }
}
