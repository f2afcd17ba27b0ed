package io.tributary.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

class ReplicationFactorCheckTest {

    private static final Node B1 = new Node(1, "broker-1", 9092);
    private static final Node B2 = new Node(2, "broker-2", 9092);
    private static final Node B3 = new Node(3, "broker-3", 9092);

    private static TopicPartitionInfo partition(int p, Node leader, List<Node> replicas, List<Node> isr) {
        return new TopicPartitionInfo(p, leader, replicas, isr);
    }

    @Test
    void three_replicas_fully_in_sync_on_three_brokers_pass() {
        CheckResult result = ReplicationFactorCheck.judge("ingest",
                List.of(partition(0, B1, List.of(B1, B2, B3), List.of(B1, B2, B3))), 3, 2);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains("replication factor 3", "min.insync.replicas 2", "3 broker(s)");
    }

    @Test
    void one_replica_on_a_three_broker_cluster_warns() {
        CheckResult result = ReplicationFactorCheck.judge("ingest", List.of(partition(0, B1, List.of(B1), List.of(B1))), 3, 1);

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.fix()).contains("--replication-factor 3");
    }

    @Test
    void a_single_broker_evaluation_cluster_passes_with_the_caveat() {
        CheckResult result = ReplicationFactorCheck.judge("ingest", List.of(partition(0, B1, List.of(B1), List.of(B1))), 1, 1);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains("evaluation only");
    }

    @Test
    void min_insync_replicas_above_the_replication_factor_fails_because_acks_all_writes_are_refused() {
        CheckResult result = ReplicationFactorCheck.judge("ingest",
                List.of(partition(0, B1, List.of(B1, B2), List.of(B1, B2))), 3, 3);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).contains("NOT_ENOUGH_REPLICAS");
        assertThat(result.fix()).contains("min.insync.replicas=2");
    }

    @Test
    void a_partition_without_leader_fails_and_an_out_of_sync_replica_warns() {
        assertThat(ReplicationFactorCheck.judge("ingest",
                List.of(partition(0, null, List.of(B1, B2, B3), List.of())), 3, 2).status()).isEqualTo(CheckStatus.FAIL);
        CheckResult lagging = ReplicationFactorCheck.judge("ingest",
                List.of(partition(4, B1, List.of(B1, B2, B3), List.of(B1, B2))), 3, 2);
        assertThat(lagging.status()).isEqualTo(CheckStatus.WARN);
        assertThat(lagging.evidence()).contains("[4]");
    }
}
