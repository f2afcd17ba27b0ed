package io.tributary.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.Target;
import io.tributary.config.TributaryProperties;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionOwnershipTest {

    @Test
    void targetAllReadsEveryPartition() {
        TributaryProperties tributary = new TributaryProperties();
        assertThat(PartitionOwnership.owned(tributary, 4)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void anIngesterOwnsThePartitionNamedByItsInstanceId() {
        TributaryProperties tributary = new TributaryProperties();
        tributary.setTarget(Target.INGESTER);
        tributary.setInstanceId("ingester-zone-a-7");
        assertThat(PartitionOwnership.owned(tributary, 8)).containsExactly(7);
    }

    @Test
    void explicitPartitionsWinOverTheInstanceId() {
        TributaryProperties tributary = new TributaryProperties();
        tributary.setTarget(Target.INGESTER);
        tributary.setInstanceId("ingester-zone-a-7");
        tributary.setOwnedPartitions(List.of(2, 5));
        assertThat(PartitionOwnership.owned(tributary, 8)).containsExactly(2, 5);
    }

    @Test
    void anIngesterWithoutANumberOrPartitionsIsRefusedWithTheSettingsToFix() {
        TributaryProperties tributary = new TributaryProperties();
        tributary.setTarget(Target.INGESTER);
        tributary.setInstanceId("ingester");
        assertThatThrownBy(() -> PartitionOwnership.owned(tributary, 8))
                .hasMessageContaining("tributary.instance-id").hasMessageContaining("tributary.owned-partitions");
    }

    @Test
    void aPartitionBeyondTheTopicIsRefused() {
        TributaryProperties tributary = new TributaryProperties();
        tributary.setTarget(Target.INGESTER);
        tributary.setInstanceId("ingester-zone-a-9");
        assertThatThrownBy(() -> PartitionOwnership.owned(tributary, 8)).hasMessageContaining("has 8 partitions");
    }

    @Test
    void consumerGroupsAreUniquePerPartitionAndFollowMimirForASinglePartitionIngester() {
        assertThat(PartitionOwnership.consumerGroup("", "ingester-zone-a-7", 7, true)).isEqualTo("ingester-zone-a-7");
        assertThat(PartitionOwnership.consumerGroup("", "tributary", 3, false)).isEqualTo("tributary-partition-3");
        assertThat(PartitionOwnership.consumerGroup("readers-<partition>", "x", 3, false)).isEqualTo("readers-3");
    }
}
