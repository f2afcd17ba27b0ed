package io.tributary.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.Target;
import io.tributary.config.TributaryProperties;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicPartitionsCheckTest {

    private static final String ALTER = "kafka-topics.sh --bootstrap-server broker-1:9092 --alter --topic ingest --partitions ";

    private static TributaryProperties ingester(String instanceId) {
        TributaryProperties tributary = new TributaryProperties();
        tributary.setTarget(Target.INGESTER);
        tributary.setInstanceId(instanceId);
        return tributary;
    }

    @Test
    void an_ingester_whose_partition_exists_passes() {
        CheckResult result = TopicPartitionsCheck.judge("ingest", 8, ingester("ingester-zone-a-7"), 8, ALTER);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains("8 partition(s)", "reads partition(s) [7]");
    }

    @Test
    void an_ingester_numbered_beyond_the_partitions_fails_with_the_alter_command() {
        CheckResult result = TopicPartitionsCheck.judge("ingest", 4, ingester("ingester-zone-a-7"), -1, ALTER);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).contains("owns partition 7 but the topic has 4 partitions");
        assertThat(result.fix()).contains(ALTER);
    }

    @Test
    void fewer_partitions_than_configured_warns_even_when_this_instance_reads_all_of_them() {
        TributaryProperties all = new TributaryProperties();
        all.setTarget(Target.ALL);
        CheckResult result = TopicPartitionsCheck.judge("ingest", 4, all, 16, ALTER);

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.evidence()).contains("partitions 4..15 would read nothing");
        assertThat(result.fix()).startsWith("Add partitions: " + ALTER + "16");
    }

    @Test
    void explicitly_owned_partitions_are_checked_and_a_distributor_owns_none() {
        TributaryProperties explicit = ingester("ingester-zone-b");
        explicit.setOwnedPartitions(List.of(0, 1, 2));
        assertThat(TopicPartitionsCheck.judge("ingest", 2, explicit, -1, ALTER).status()).isEqualTo(CheckStatus.FAIL);

        TributaryProperties distributor = new TributaryProperties();
        distributor.setTarget(Target.DISTRIBUTOR);
        CheckResult result = TopicPartitionsCheck.judge("ingest", 2, distributor, -1, ALTER);
        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains("distributor");
    }
}
