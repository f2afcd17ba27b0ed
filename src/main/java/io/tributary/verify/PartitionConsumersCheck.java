package io.tributary.verify;

import io.tributary.consumer.PartitionReaders;
import io.tributary.consumer.PartitionState;
import io.tributary.consumer.PartitionStatus;
import io.tributary.consumer.ReadConsistencyTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The seed's second verification step, "ingesters consume from Kafka partitions and persist offsets in their
 * consumer group", made executable for this process: every owned partition has a running reader; the readers
 * consume everything produced before the check within {@code max-consumer-lag-at-startup} (the lag bound Mimir
 * holds an ingester to at startup); and the offset committed to each partition's consumer group in Kafka (what a
 * restart resumes from, read back through the Admin API, not from the reader's memory) advances to what was
 * consumed within a few commit intervals.
 */
public class PartitionConsumersCheck extends DescribedCheck {

    public static final String ID = "partition-consumers";

    private final PartitionReaders readers;
    private final KafkaProbe kafka;
    private final String absentReason;

    /**
     * @param readers      this process's partition readers, or null when it runs none
     * @param absentReason why there are none, reported as the SKIPPED reason
     */
    public PartitionConsumersCheck(PartitionReaders readers, KafkaProbe kafka, String absentReason) {
        super(ID, "Every owned partition is consumed and its offset committed", Set.of(BrokerConnectionCheck.ID));
        this.readers = readers;
        this.kafka = kafka;
        this.absentReason = absentReason;
    }

    @Override
    public Duration timeout() {
        return lagBound().plus(commitWait()).plus(kafka.timeout().multipliedBy(3)).plusSeconds(5);
    }

    private Duration lagBound() {
        return kafka.settings().getMaxConsumerLagAtStartup();
    }

    private Duration commitWait() {
        return kafka.settings().getConsumerGroupOffsetCommitInterval().multipliedBy(3).plusSeconds(2);
    }

    @Override
    public CheckResult run() throws Exception {
        if (readers == null) {
            return CheckResult.skipped(absentReason);
        }
        List<PartitionStatus> statuses = readers.statuses();
        if (statuses.isEmpty()) {
            return CheckResult.fail("this process should read partitions but runs no partition reader (not started, "
                    + "or stopped).", "Look at the startup log for why the partition readers did not start.");
        }
        List<String> broken = new ArrayList<>();
        List<String> starting = new ArrayList<>();
        for (PartitionStatus s : statuses) {
            if (s.state() == PartitionState.FAILING || s.state() == PartitionState.STOPPED) {
                broken.add("partition " + s.partition() + " is " + s.state()
                        + (s.lastError() == null ? "" : ": " + s.lastError()));
            } else if (s.state() != PartitionState.RUNNING) {
                starting.add("partition " + s.partition() + " is " + s.state());
            }
        }
        if (!broken.isEmpty()) {
            return CheckResult.fail(String.join("; ", broken) + ".", "Fix what the last error names; a reader retries "
                    + "on its own. The partitions page shows each reader's state and error.");
        }
        if (!starting.isEmpty()) {
            return CheckResult.warn(String.join("; ", starting) + ": still catching up with the topic.",
                    "Wait for the readiness probe to turn ready, then run this check again.");
        }
        long waitStarted = System.nanoTime();
        try {
            readers.awaitStrongConsistency(lagBound());
        } catch (ReadConsistencyTimeoutException lagging) {
            return CheckResult.fail("the readers did not consume what was produced before the check within "
                    + "ingest-storage.kafka.max-consumer-lag-at-startup=" + lagBound() + ": " + lagging.getMessage(),
                    "The readers fall behind the writes: look at their errors and at the ingestion rate, add partitions "
                            + "and ingesters, or raise ingest-storage.kafka.max-consumer-lag-at-startup.");
        }
        long caughtUpMillis = Duration.ofNanos(System.nanoTime() - waitStarted).toMillis();
        Map<Integer, PartitionStatus> consumed = readers.statuses().stream()
                .collect(Collectors.toMap(PartitionStatus::partition, s -> s));
        return checkCommits(consumed, caughtUpMillis);
    }

    private CheckResult checkCommits(Map<Integer, PartitionStatus> consumed, long caughtUpMillis) throws Exception {
        Admin admin = kafka.admin();
        try {
            long deadline = System.nanoTime() + commitWait().toNanos();
            Map<Integer, Long> committed;
            List<Integer> behind;
            do {
                committed = committedOffsets(admin, consumed);
                behind = new ArrayList<>();
                for (PartitionStatus s : consumed.values()) {
                    if (s.lastConsumedOffset() >= 0 && committed.getOrDefault(s.partition(), -1L) < s.lastConsumedOffset()) {
                        behind.add(s.partition());
                    }
                }
                if (behind.isEmpty() || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(200);
            } while (true);
            Map<Integer, Long> logEnd = logEndOffsets(admin, consumed.keySet());
            String table = table(consumed, committed, logEnd);
            if (!behind.isEmpty()) {
                return CheckResult.fail("the committed offset of partition(s) " + behind + " did not reach the consumed "
                        + "offset within " + commitWait().toMillis() + " ms (ingest-storage.kafka."
                        + "consumer-group-offset-commit-interval=" + kafka.settings().getConsumerGroupOffsetCommitInterval()
                        + "). " + table, "A restart would replay from an old offset. Look for commit errors in the "
                        + "log; the consumer group needs READ permission on the group and the topic.");
            }
            return CheckResult.pass(consumed.size() + " partition reader(s) running, consumed everything produced "
                    + "before the check in " + caughtUpMillis + " ms (bound " + lagBound() + "), and committed it. "
                    + table);
        } finally {
            KafkaProbe.close(admin);
        }
    }

    private Map<Integer, Long> committedOffsets(Admin admin, Map<Integer, PartitionStatus> consumed) throws Exception {
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        Map<String, List<TopicPartition>> byGroup = new HashMap<>();
        for (PartitionStatus s : consumed.values()) {
            byGroup.computeIfAbsent(s.consumerGroup(), g -> new ArrayList<>())
                    .add(new TopicPartition(kafka.topic(), s.partition()));
        }
        byGroup.forEach((group, partitions) -> specs.put(group, new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> answer = kafka.await(admin.listConsumerGroupOffsets(specs).all());
        Map<Integer, Long> committed = new HashMap<>();
        answer.values().forEach(offsets -> offsets.forEach((tp, offset) -> {
            if (offset != null && tp.topic().equals(kafka.topic())) {
                committed.put(tp.partition(), offset.offset());
            }
        }));
        return committed;
    }

    private Map<Integer, Long> logEndOffsets(Admin admin, Set<Integer> partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(new TopicPartition(kafka.topic(), p), OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer = kafka.await(admin.listOffsets(request).all());
        Map<Integer, Long> logEnd = new HashMap<>();
        answer.forEach((tp, info) -> logEnd.put(tp.partition(), info.offset()));
        return logEnd;
    }

    /**
     * Kafka's columns, as kafka-consumer-groups.sh prints them; LAG here is last produced (LOG-END-OFFSET − 1) minus
     * CURRENT-OFFSET, because Mimir's readers commit the last consumed offset (docs/read-path.md).
     */
    private static String table(Map<Integer, PartitionStatus> consumed, Map<Integer, Long> committed,
            Map<Integer, Long> logEnd) {
        StringBuilder out = new StringBuilder("PARTITION GROUP CURRENT-OFFSET LOG-END-OFFSET LAG:");
        consumed.values().stream().sorted((a, b) -> Integer.compare(a.partition(), b.partition())).limit(50).forEach(s -> {
            long current = committed.getOrDefault(s.partition(), -1L);
            long end = logEnd.getOrDefault(s.partition(), -1L);
            String lag = end < 0 ? "?" : Long.toString(Math.max(0, end - 1 - current));
            out.append("\n").append(s.partition()).append(' ').append(s.consumerGroup()).append(' ')
                    .append(current < 0 ? "-" : Long.toString(current)).append(' ').append(end).append(' ').append(lag);
        });
        if (consumed.size() > 50) {
            out.append("\n(").append(consumed.size() - 50).append(" more partitions)");
        }
        return out.toString();
    }
}
