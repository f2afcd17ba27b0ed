package io.tributary.console.partitions;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the tenants' meters (registered by the heads and by whoever refuses samples) and turns the appended-samples
 * counters into rates between two calls. Called from the sampler's thread only.
 */
final class TenantActivity {
    static final String SERIES = "tributary.ingester.tenant.memory.series";
    static final String INGESTED = "tributary.ingester.tenant.ingested.samples";
    static final String DISCARDED = "tributary.discarded.samples";

    private final MeterRegistry registry;
    private Map<String, Double> previousIngested = Map.of();
    private long previousAtMs;

    TenantActivity(MeterRegistry registry) {
        this.registry = registry;
    }

    Map<String, TenantRow> sample(long nowMs) {
        Map<String, Long> series = new HashMap<>();
        // Meters without a user tag (none are registered so today) are not a tenant's.
        for (Gauge gauge : registry.find(SERIES).tagKeys("user").gauges()) {
            series.put(gauge.getId().getTag("user"), (long) gauge.value());
        }
        Map<String, Double> ingested = new HashMap<>();
        for (Counter counter : registry.find(INGESTED).tagKeys("user").counters()) {
            ingested.put(counter.getId().getTag("user"), counter.count());
        }
        Map<String, Map<String, Long>> rejected = new HashMap<>();
        for (Counter counter : registry.find(DISCARDED).tagKeys("user", "reason").counters()) {
            rejected.computeIfAbsent(counter.getId().getTag("user"), t -> new TreeMap<>())
                    .merge(counter.getId().getTag("reason"), (long) counter.count(), Long::sum);
        }
        Set<String> tenants = new TreeSet<>();
        tenants.addAll(series.keySet());
        tenants.addAll(ingested.keySet());
        tenants.addAll(rejected.keySet());
        Map<String, TenantRow> rows = new TreeMap<>();
        for (String tenant : tenants) {
            Double rate = null;
            Double now = ingested.get(tenant);
            Double before = previousIngested.get(tenant);
            if (now != null && before != null && nowMs > previousAtMs) {
                rate = Throughput.perSecond(before.longValue(), previousAtMs, now.longValue(), nowMs);
            }
            rows.put(tenant, new TenantRow(tenant, rate, series.get(tenant), rejected.getOrDefault(tenant, Map.of())));
        }
        previousIngested = ingested;
        previousAtMs = nowMs;
        return rows;
    }
}
