package io.tributary.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code distributor.*} settings: push timeout, request size and per-tenant ingestion limits (Mimir's names). */
@ConfigurationProperties("distributor")
public class DistributorProperties {

    /** How long a push may wait for Kafka to acknowledge all of its records before it fails with 5xx. */
    private Duration remoteTimeout = Duration.ofSeconds(5);

    /** Largest remote-write request accepted, compressed or uncompressed; larger ones get 413. */
    private DataSize maxRecvMsgSize = DataSize.ofBytes(104_857_600);

    /** Per-tenant ingestion rate limit in samples (plus exemplars and metadata) per second. */
    private double ingestionRateLimit = 10_000;

    /** Per-tenant burst allowed above the rate limit, in samples. */
    private int ingestionBurstSize = 200_000;

    /** Per-tenant overrides of the two limits above, keyed by tenant id. */
    private Map<String, TenantLimits> tenantLimits = new LinkedHashMap<>();

    public Duration getRemoteTimeout() {
        return remoteTimeout;
    }

    public void setRemoteTimeout(Duration remoteTimeout) {
        this.remoteTimeout = remoteTimeout;
    }

    public DataSize getMaxRecvMsgSize() {
        return maxRecvMsgSize;
    }

    public void setMaxRecvMsgSize(DataSize maxRecvMsgSize) {
        this.maxRecvMsgSize = maxRecvMsgSize;
    }

    public double getIngestionRateLimit() {
        return ingestionRateLimit;
    }

    public void setIngestionRateLimit(double ingestionRateLimit) {
        this.ingestionRateLimit = ingestionRateLimit;
    }

    public int getIngestionBurstSize() {
        return ingestionBurstSize;
    }

    public void setIngestionBurstSize(int ingestionBurstSize) {
        this.ingestionBurstSize = ingestionBurstSize;
    }

    public Map<String, TenantLimits> getTenantLimits() {
        return tenantLimits;
    }

    public void setTenantLimits(Map<String, TenantLimits> tenantLimits) {
        this.tenantLimits = tenantLimits;
    }

    /** The rate limit of one tenant: its override where one is set, else the default. */
    public double ingestionRateLimitOf(String tenant) {
        TenantLimits override = tenantLimits.get(tenant);
        return override != null && override.getIngestionRateLimit() != null
                ? override.getIngestionRateLimit() : ingestionRateLimit;
    }

    /** The burst size of one tenant: its override where one is set, else the default. */
    public int ingestionBurstSizeOf(String tenant) {
        TenantLimits override = tenantLimits.get(tenant);
        return override != null && override.getIngestionBurstSize() != null
                ? override.getIngestionBurstSize() : ingestionBurstSize;
    }

    /** Limits that override the defaults for one tenant; an unset field keeps the default. */
    public static class TenantLimits {

        /** Samples per second for this tenant. */
        private Double ingestionRateLimit;

        /** Burst size in samples for this tenant. */
        private Integer ingestionBurstSize;

        public Double getIngestionRateLimit() {
            return ingestionRateLimit;
        }

        public void setIngestionRateLimit(Double ingestionRateLimit) {
            this.ingestionRateLimit = ingestionRateLimit;
        }

        public Integer getIngestionBurstSize() {
            return ingestionBurstSize;
        }

        public void setIngestionBurstSize(Integer ingestionBurstSize) {
            this.ingestionBurstSize = ingestionBurstSize;
        }
    }
}
