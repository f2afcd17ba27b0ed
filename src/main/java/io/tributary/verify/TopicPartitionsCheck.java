package io.tributary.verify;

import io.tributary.config.TributaryProperties;
import io.tributary.consumer.PartitionOwnership;
import java.util.Set;
import java.util.SortedSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * The topic has at least as many partitions as there are consumers: every partition this instance is to read
 * exists, and the topic has the partitions {@code auto-create-topic-default-partitions} asks for. The seed's rule is
 * "at least as many partitions as ingesters per zone"; the ingester count of other instances is not visible from
 * here, so the configured partition count stands for it.
 */
public class TopicPartitionsCheck extends KafkaCheck {

    public static final String ID = "topic-partitions";

    private final TributaryProperties tributary;

    public TopicPartitionsCheck(KafkaProbe kafka, TributaryProperties tributary) {
        super(kafka, ID, "Partitions ≥ consumers", Set.of(TopicExistsCheck.ID));
        this.tributary = tributary;
    }

    @Override
    protected CheckResult check() throws Exception {
        String topic = kafka.topic();
        int partitions;
        Admin admin = kafka.admin();
        try {
            TopicDescription description = describeTopic(admin);
            partitions = description.partitions().size();
        } finally {
            KafkaProbe.close(admin);
        }
        return judge(topic, partitions, tributary, kafka.settings().getAutoCreateTopicDefaultPartitions(),
                "kafka-topics.sh --bootstrap-server " + kafka.servers() + " --alter --topic " + topic + " --partitions ");
    }

    /** The verdict for a topic of {@code partitions}; separate so the rules are tested without a broker. */
    static CheckResult judge(String topic, int partitions, TributaryProperties tributary, int requested, String alter) {
        StringBuilder evidence = new StringBuilder("topic " + topic + " has " + partitions + " partition(s).");
        if (tributary.getTarget().runsIngester()) {
            try {
                SortedSet<Integer> owned = PartitionOwnership.owned(tributary, partitions);
                evidence.append(" This instance (tributary.target=").append(tributary.getTarget().name().toLowerCase())
                        .append(") reads partition(s) ").append(describe(owned)).append(", all of which exist.");
            } catch (IllegalStateException ownsMissing) {
                return CheckResult.fail(evidence + " " + ownsMissing.getMessage(),
                        "Add partitions (" + alter + "<one more than the highest partition an ingester owns>), or fix "
                                + "tributary.owned-partitions / tributary.instance-id.");
            }
        } else {
            evidence.append(" This instance is a distributor and reads no partition.");
        }
        if (requested > 0 && partitions < requested) {
            evidence.append(" ingest-storage.kafka.auto-create-topic-default-partitions=").append(requested)
                    .append(" asks for more: ingesters owning partitions ").append(partitions).append("..")
                    .append(requested - 1).append(" would read nothing.");
            return CheckResult.warn(evidence.toString(), "Add partitions: " + alter + requested
                    + " (partitions can be added, never removed; series move to the new partitions' owners).");
        }
        if (requested > 0) {
            evidence.append(" ingest-storage.kafka.auto-create-topic-default-partitions=").append(requested).append('.');
        }
        return CheckResult.pass(evidence.toString());
    }

    private static String describe(SortedSet<Integer> owned) {
        if (owned.size() > 8) {
            return owned.first() + ".." + owned.last() + " (" + owned.size() + ")";
        }
        return owned.toString();
    }
}
