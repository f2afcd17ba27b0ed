package io.tributary.console.partitions;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LagHistoryTest {

    @Test
    void a_partition_never_sampled_has_no_points() {
        assertThat(new LagHistory(4).points(3)).isEmpty();
    }

    @Test
    void points_come_back_oldest_first_until_the_ring_is_full() {
        LagHistory history = new LagHistory(4);
        for (int i = 0; i < 3; i++) {
            history.record(0, new LagPoint(1_000L * i, i * 10, i));
        }

        assertThat(history.points(0)).extracting(LagPoint::lagRecords).containsExactly(0L, 10L, 20L);
    }

    @Test
    void a_full_ring_drops_the_oldest_points_and_keeps_order() {
        LagHistory history = new LagHistory(4);
        for (int i = 0; i < 10; i++) {
            history.record(0, new LagPoint(1_000L * i, i, -1));
        }

        assertThat(history.points(0)).extracting(LagPoint::lagRecords).containsExactly(6L, 7L, 8L, 9L);
    }

    @Test
    void partitions_and_the_topic_have_separate_series() {
        LagHistory history = new LagHistory(4);
        history.record(0, new LagPoint(0, 5, 0));
        history.record(1, new LagPoint(0, 7, 0));
        history.record(LagHistory.TOPIC, new LagPoint(0, 12, 0));

        assertThat(List.of(history.points(0).get(0).lagRecords(), history.points(1).get(0).lagRecords(),
                history.points(LagHistory.TOPIC).get(0).lagRecords())).containsExactly(5L, 7L, 12L);
    }

    @Test
    void the_samplers_rings_hold_at_least_the_last_hour() {
        PartitionsSampler sampler = new PartitionsSampler(groups -> null, null, null);

        assertThat((long) sampler.history().capacity() * PartitionsSampler.INTERVAL.toMillis())
                .isGreaterThanOrEqualTo(PartitionsSampler.CHART_WINDOW.toMillis());
    }

    @Test
    void a_ring_of_one_point_is_refused() {
        assertThatThrownBy(() -> new LagHistory(1)).hasMessageContaining("at least 2 points");
    }
}
