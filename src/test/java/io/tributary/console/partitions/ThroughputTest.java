package io.tributary.console.partitions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThroughputTest {

    @Test
    void a_count_that_grew_gives_its_rate_per_second() {
        assertThat(Throughput.perSecond(100, 0, 150, 5_000)).isEqualTo(10.0);
    }

    @Test
    void an_unchanged_count_is_zero_per_second() {
        assertThat(Throughput.perSecond(100, 0, 100, 5_000)).isZero();
    }

    @Test
    void a_count_that_went_down_after_an_offset_reset_gives_no_rate() {
        assertThat(Throughput.perSecond(500, 0, 3, 5_000)).isNull();
    }

    @Test
    void an_unknown_count_or_no_elapsed_time_gives_no_rate() {
        assertThat(Throughput.perSecond(-1, 0, 10, 5_000)).isNull();
        assertThat(Throughput.perSecond(1, 5_000, 10, 5_000)).isNull();
    }
}
