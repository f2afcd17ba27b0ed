package io.tributary.console.partitions;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LagChartTest {
    private static final long HOUR = 3_600_000;
    private static final long NOW = 10 * HOUR;

    @Test
    void no_history_draws_nothing_with_a_top_of_one() {
        LagChart chart = LagChart.draw(List.of(), NOW, HOUR, 720, 160);

        assertThat(chart.points()).isEmpty();
        assertThat(chart.maxLag()).isEqualTo(1);
    }

    @Test
    void time_runs_left_to_right_over_the_window_and_lag_bottom_to_top() {
        List<LagPoint> history = List.of(new LagPoint(NOW - HOUR, 0, 0), new LagPoint(NOW - HOUR / 2, 50, 1),
                new LagPoint(NOW, 100, 2));

        LagChart chart = LagChart.draw(history, NOW, HOUR, 720, 160);

        assertThat(chart.points()).isEqualTo("0.0,160.0 360.0,80.0 720.0,0.0");
        assertThat(chart.maxLag()).isEqualTo(100);
        assertThat(chart.latestLag()).isEqualTo(100);
    }

    @Test
    void points_older_than_the_window_are_left_out_and_do_not_set_the_scale() {
        List<LagPoint> history = List.of(new LagPoint(NOW - 2 * HOUR, 1_000_000, 0), new LagPoint(NOW, 4, 0));

        LagChart chart = LagChart.draw(history, NOW, HOUR, 720, 160);

        assertThat(chart.points()).isEqualTo("720.0,0.0");
        assertThat(chart.maxLag()).isEqualTo(4);
    }

    @Test
    void the_seconds_chart_leaves_out_samples_whose_lag_in_seconds_was_unknown_and_rounds_its_top_up() {
        List<LagPoint> history = List.of(new LagPoint(NOW - HOUR, 10, -1), new LagPoint(NOW - HOUR / 2, 10, 1.5),
                new LagPoint(NOW, 0, 0));

        LagChart chart = LagChart.drawSeconds(history, NOW, HOUR, 720, 160);

        assertThat(chart.points()).isEqualTo("360.0,40.0 720.0,160.0");
        assertThat(chart.maxLag()).isEqualTo(2);
    }
}
