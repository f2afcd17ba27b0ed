package io.tributary.ingest;

import io.tributary.config.DistributorProperties;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Per-tenant token buckets for {@code distributor.ingestion-rate-limit} and {@code ingestion-burst-size}.
 * A bucket refills at the tenant's rate up to its burst; a request takes as many tokens as it has
 * samples, histograms, exemplars and metadata, all or nothing, so a rejected request costs nothing.
 */
public class TenantRateLimiter {

    private final DistributorProperties limits;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TenantRateLimiter(DistributorProperties limits) {
        this.limits = limits;
    }

    /**
     * Takes {@code amount} tokens from the tenant's bucket.
     *
     * @return 0 when allowed, otherwise the whole seconds after which the same request could pass
     *         (at least 1), for the Retry-After header
     */
    public long tryAcquire(String tenant, long amount, long nowNanos) {
        double rate = limits.ingestionRateLimitOf(tenant);
        int burst = limits.ingestionBurstSizeOf(tenant);
        Bucket bucket = buckets.computeIfAbsent(tenant, t -> new Bucket(burst, nowNanos));
        return bucket.tryTake(amount, rate, burst, nowNanos);
    }

    /** One tenant's bucket; synchronized because a tenant's requests arrive on many HTTP threads at once. */
    private static final class Bucket {
        private double tokens;
        private long lastRefillNanos;

        Bucket(double tokens, long nowNanos) {
            this.tokens = tokens;
            this.lastRefillNanos = nowNanos;
        }

        synchronized long tryTake(long amount, double rate, int burst, long nowNanos) {
            double elapsedSeconds = Math.max(0, nowNanos - lastRefillNanos) / 1e9;
            tokens = Math.min(burst, tokens + elapsedSeconds * rate);
            lastRefillNanos = nowNanos;
            if (amount <= tokens) {
                tokens -= amount;
                return 0;
            }
            // A request bigger than the burst can never pass; tell the client to come back after a full refill.
            double missing = Math.min(amount, burst) - tokens;
            return Math.max(1, (long) Math.ceil(missing / rate));
        }
    }
}
