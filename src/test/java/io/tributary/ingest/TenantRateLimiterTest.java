package io.tributary.ingest;

import io.tributary.config.DistributorProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TenantRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    private final DistributorProperties limits = new DistributorProperties();

    @Test
    void aTenantMaySpendItsBurstAtOnceThenWaitsForTheRate() {
        limits.setIngestionRateLimit(1000);
        limits.setIngestionBurstSize(5000);
        TenantRateLimiter limiter = new TenantRateLimiter(limits);

        assertThat(limiter.tryAcquire("team-a", 5000, 0)).isZero();
        assertThat(limiter.tryAcquire("team-a", 2000, 0)).isEqualTo(2);
        assertThat(limiter.tryAcquire("team-a", 2000, 2 * SECOND)).isZero();
    }

    @Test
    void aRefusedRequestTakesNoTokens() {
        limits.setIngestionRateLimit(100);
        limits.setIngestionBurstSize(100);
        TenantRateLimiter limiter = new TenantRateLimiter(limits);

        assertThat(limiter.tryAcquire("team-a", 150, 0)).isPositive();
        assertThat(limiter.tryAcquire("team-a", 100, 0)).isZero();
    }

    @Test
    void tenantsHaveSeparateBucketsAndTheirOwnOverrides() {
        limits.setIngestionRateLimit(10);
        limits.setIngestionBurstSize(10);
        DistributorProperties.TenantLimits big = new DistributorProperties.TenantLimits();
        big.setIngestionBurstSize(1_000_000);
        big.setIngestionRateLimit(1_000_000.0);
        limits.getTenantLimits().put("team-big", big);
        TenantRateLimiter limiter = new TenantRateLimiter(limits);

        assertThat(limiter.tryAcquire("team-small", 10, 0)).isZero();
        assertThat(limiter.tryAcquire("team-small", 1, 0)).isPositive();
        assertThat(limiter.tryAcquire("team-big", 500_000, 0)).isZero();
    }
}
