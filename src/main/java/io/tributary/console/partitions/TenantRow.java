package io.tributary.console.partitions;

import java.util.Map;
import java.util.TreeMap;

/**
 * One tenant: samples appended to its head per second since the previous sample, the series in its head (null
 * where this process has no head for it), and the samples refused so far, by reason.
 */
public record TenantRow(String tenant, Double samplesPerSecond, Long series, Map<String, Long> rejectedByReason) {

    public TenantRow {
        rejectedByReason = new TreeMap<>(rejectedByReason);
    }
}
