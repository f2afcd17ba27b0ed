package io.tributary.console.partitions;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TenantActivityTest {
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final TenantActivity activity = new TenantActivity(registry);

    @Test
    void samples_per_second_come_from_the_ingested_counter_between_two_samples() {
        Counter ingested = Counter.builder(TenantActivity.INGESTED).tag("user", "team-payments").register(registry);
        AtomicLong series = new AtomicLong(12);
        Gauge.builder(TenantActivity.SERIES, series, AtomicLong::get).tag("user", "team-payments").register(registry);
        ingested.increment(100);
        assertThat(activity.sample(0).get("team-payments").samplesPerSecond()).as("no rate from one sample").isNull();

        ingested.increment(500);
        TenantRow row = activity.sample(5_000).get("team-payments");

        assertThat(row.samplesPerSecond()).isEqualTo(100.0);
        assertThat(row.series()).isEqualTo(12);
    }

    @Test
    void refused_samples_are_summed_per_reason_across_who_refused_them() {
        Counter.builder(TenantActivity.DISCARDED).tag("reason", "rate_limited").tag("user", "team-search")
                .register(registry).increment(7);
        Counter.builder(TenantActivity.DISCARDED).tag("reason", "sample-out-of-order").tag("user", "team-search")
                .register(registry).increment(2);

        Map<String, TenantRow> rows = activity.sample(0);

        assertThat(rows.get("team-search").rejectedByReason())
                .containsExactly(Map.entry("rate_limited", 7L), Map.entry("sample-out-of-order", 2L));
        assertThat(rows.get("team-search").series()).as("no head for it in this process").isNull();
    }
}
