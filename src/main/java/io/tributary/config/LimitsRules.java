package io.tributary.config;

import org.springframework.util.unit.DataSize;

import java.util.Map;

/** Checks the write path's limits: push timeout, request size, per-tenant rates and series validation. */
final class LimitsRules {

    private LimitsRules() {
    }

    static void check(DistributorProperties distributor, ValidationProperties validation, Violations out) {
        out.positive("distributor.remote-timeout", distributor.getRemoteTimeout());
        DataSize maxRecv = distributor.getMaxRecvMsgSize();
        if (maxRecv == null || maxRecv.toBytes() <= 0) {
            out.add("distributor.max-recv-msg-size", maxRecv, "distributor.max-recv-msg-size is "
                    + Violations.shown(maxRecv) + ": must be greater than 0, e.g. 100MB");
        }
        rateLimit("distributor.ingestion-rate-limit", distributor.getIngestionRateLimit(), out);
        burstSize("distributor.ingestion-burst-size", distributor.getIngestionBurstSize(), out);
        for (Map.Entry<String, DistributorProperties.TenantLimits> tenant : distributor.getTenantLimits().entrySet()) {
            String prefix = "distributor.tenant-limits." + tenant.getKey() + ".";
            DistributorProperties.TenantLimits limits = tenant.getValue();
            if (limits == null) {
                continue;
            }
            if (limits.getIngestionRateLimit() != null) {
                rateLimit(prefix + "ingestion-rate-limit", limits.getIngestionRateLimit(), out);
            }
            if (limits.getIngestionBurstSize() != null) {
                burstSize(prefix + "ingestion-burst-size", limits.getIngestionBurstSize(), out);
            }
        }

        out.positive("validation.max-label-names-per-series", validation.getMaxLabelNamesPerSeries());
        out.positive("validation.max-length-label-name", validation.getMaxLengthLabelName());
        out.positive("validation.max-length-label-value", validation.getMaxLengthLabelValue());
        out.positive("validation.create-grace-period", validation.getCreateGracePeriod());
        // 0 is meaningful here (Mimir: accept samples of any age), so only a negative period is wrong.
        out.notNegative("validation.past-grace-period", validation.getPastGracePeriod(), "accept any age");
    }

    private static void rateLimit(String key, double samplesPerSecond, Violations out) {
        // Written as !(x > 0) so that NaN, which compares false with everything, is caught as well.
        if (!(samplesPerSecond > 0)) {
            out.add(key, samplesPerSecond, key + " is " + Violations.render(samplesPerSecond)
                    + ": must be greater than 0 samples per second");
        }
    }

    private static void burstSize(String key, int samples, Violations out) {
        if (samples < 1) {
            out.add(key, samples, key + " is " + samples + ": must be at least 1 sample");
        }
    }
}
