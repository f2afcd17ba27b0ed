package io.tributary.verify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The topic is replicated as far as the cluster allows, every partition has a leader and its full in-sync set,
 * and {@code min.insync.replicas} can be met. Kafka is the write-ahead log: with acks=all a write is only as durable
 * as the replicas that acknowledged it.
 */
public class ReplicationFactorCheck extends KafkaCheck {

    public static final String ID = "replication-factor";

    /** The replication factor a production topic should have where the cluster has the brokers for it. */
    static final int RECOMMENDED = 3;


    public ReplicationFactorCheck(KafkaProbe kafka) {
        super(kafka, ID, "Replication factor and in-sync replicas", Set.of(TopicExistsCheck.ID));
    }

    @Override
    protected CheckResult check() throws Exception {
        String topic = kafka.topic();
        Admin admin = kafka.admin();
        try {
            TopicDescription description = describeTopic(admin);
            Collection<Node> brokers = kafka.await(admin.describeCluster().nodes());
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Map<ConfigResource, Config> configs = kafka.await(admin.describeConfigs(Set.of(resource)).all());
            ConfigEntry minIsrEntry = configs.get(resource).get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
            int minIsr = minIsrEntry == null || minIsrEntry.value() == null ? 1 : Integer.parseInt(minIsrEntry.value());
            return judge(topic, description.partitions(), brokers.size(), minIsr);
        } finally {
            KafkaProbe.close(admin);
        }
    }

    /** The verdict from what Kafka reported; separate so the rules are tested without a cluster. */
    static CheckResult judge(String topic, List<TopicPartitionInfo> partitions, int brokers, int minIsr) {
        int replication = partitions.stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
        List<Integer> leaderless = new ArrayList<>();
        List<Integer> underReplicated = new ArrayList<>();
        for (TopicPartitionInfo p : partitions) {
            if (p.leader() == null || p.leader().isEmpty()) {
                leaderless.add(p.partition());
            } else if (p.isr().size() < p.replicas().size()) {
                underReplicated.add(p.partition());
            }
        }
        String evidence = "topic " + topic + ": replication factor " + replication + ", min.insync.replicas " + minIsr
                + ", " + brokers + " broker(s) in the cluster";
        String alterRf = "Reassign partitions with more replicas (kafka-reassign-partitions.sh), or recreate the topic "
                + "with --replication-factor " + Math.min(RECOMMENDED, brokers) + ".";
        if (!leaderless.isEmpty()) {
            return CheckResult.fail(evidence + "; partitions without a leader: " + leaderless
                    + " (writes to them fail).", "Bring the brokers holding their replicas back.");
        }
        if (minIsr > replication) {
            return CheckResult.fail(evidence + ": acks=all writes need " + minIsr + " in-sync replicas but only "
                    + replication + " exist, so every write is refused (NOT_ENOUGH_REPLICAS).",
                    "Lower min.insync.replicas to at most " + replication + " (kafka-configs.sh --alter --entity-type "
                            + "topics --entity-name " + topic + " --add-config min.insync.replicas=" + replication
                            + "), or add replicas. " + alterRf);
        }
        if (!underReplicated.isEmpty()) {
            return CheckResult.warn(evidence + "; under-replicated partitions (ISR smaller than the replicas): "
                    + underReplicated + ".", "Look at the brokers missing from the ISR; writes continue while the "
                    + "ISR has at least min.insync.replicas.");
        }
        if (replication < Math.min(RECOMMENDED, brokers)) {
            return CheckResult.warn(evidence + ": losing one broker loses acknowledged records of partitions it led.",
                    alterRf);
        }
        String note = brokers == 1 ? " (a single-broker cluster, fit for evaluation only: no replica survives its loss)"
                : "";
        return CheckResult.pass(evidence + "; every partition has a leader and its full ISR" + note + ".");
    }
}
