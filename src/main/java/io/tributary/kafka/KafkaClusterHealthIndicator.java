package io.tributary.kafka;

import io.tributary.config.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Readiness check "kafka": can this instance reach the Kafka cluster (an Admin describeCluster within
 * a short timeout)? Meant for the readiness group only: a Kafka outage should take the instance out of
 * load balancing, never get it restarted, so it must stay out of liveness.
 * <p>
 * The answer is cached for {@code cacheFor}, so however often probes and the console ask, the broker
 * sees at most one describeCluster per interval.
 */
public class KafkaClusterHealthIndicator implements HealthIndicator, DisposableBean {

    private final KafkaSettings settings;
    private final KafkaBootstrap bootstrap;
    private final Duration timeout;
    private final Duration cacheFor;
    private final Clock clock;

    private Admin admin;
    private Health cached;
    private Instant cachedAt = Instant.MIN;
    /** The explained failure of the latest check when it was an authentication failure, else null. */
    private String authenticationFailure;

    /** How old a check may be when a write asks whether authentication is failing. */
    private static final Duration AUTHENTICATION_ANSWER_MAX_AGE = Duration.ofSeconds(1);

    /** Checks with a 2 s timeout and reuses an answer for 5 s. */
    public KafkaClusterHealthIndicator(KafkaSettings settings, KafkaBootstrap bootstrap) {
        this(settings, bootstrap, Duration.ofSeconds(2), Duration.ofSeconds(5), Clock.systemUTC());
    }

    public KafkaClusterHealthIndicator(KafkaSettings settings, KafkaBootstrap bootstrap, Duration timeout,
                                       Duration cacheFor, Clock clock) {
        this.settings = settings;
        this.bootstrap = bootstrap;
        this.timeout = timeout;
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    /** Synchronized so that concurrent probes share one in-flight check instead of each sending one. */
    @Override
    public synchronized Health health() {
        return health(cacheFor);
    }

    private Health health(Duration maxAge) {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(cachedAt.plus(maxAge))) {
            cached = check();
            cachedAt = now;
        }
        return cached;
    }

    /**
     * Whether this instance currently fails to authenticate to Kafka, in {@link KafkaFailureExplainer}'s words.
     * Asked by the distributor while a write waits for acknowledgements: Kafka's producer keeps records of a
     * broker it cannot authenticate to until the delivery timeout, and only logs why, so the write would end in
     * a bare timeout. The answer is at most a second old, so a failure shows up within about that long.
     */
    public synchronized Optional<String> authenticationFailure() {
        health(AUTHENTICATION_ANSWER_MAX_AGE.compareTo(cacheFor) < 0 ? AUTHENTICATION_ANSWER_MAX_AGE : cacheFor);
        return Optional.ofNullable(authenticationFailure);
    }

    private Health check() {
        authenticationFailure = null;
        String servers;
        try {
            servers = bootstrap.admin();
        } catch (IllegalStateException notYet) {
            return Health.down().withDetail("error", notYet.getMessage()).build();
        }
        try {
            // Created on first use: at construction the embedded broker may not be listening yet.
            if (admin == null) {
                admin = Admin.create(KafkaClientProperties.admin(settings, servers));
            }
            int timeoutMs = (int) timeout.toMillis();
            DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs));
            Collection<Node> nodes = cluster.nodes().get(timeoutMs, TimeUnit.MILLISECONDS);
            String clusterId = cluster.clusterId().get(timeoutMs, TimeUnit.MILLISECONDS);
            return Health.up()
                    .withDetail("bootstrap", servers)
                    .withDetail("clusterId", clusterId)
                    .withDetail("brokers", nodes.size())
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down(e).withDetail("bootstrap", servers).build();
        } catch (Exception e) {
            String explained = KafkaFailureExplainer.explain(e, settings);
            if (KafkaFailureExplainer.isAuthenticationFailure(e)) {
                authenticationFailure = explained;
            }
            return Health.down()
                    .withDetail("bootstrap", servers)
                    .withDetail("error", explained)
                    .build();
        }
    }

    /** Drops the admin client and the cached answer: the next check connects with the settings now in effect. */
    public synchronized void reconnect() {
        destroy();
        cached = null;
        authenticationFailure = null;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            // The broker may be gone at shutdown; waiting for in-flight requests would only delay exit.
            admin.close(Duration.ZERO);
            admin = null;
        }
    }
}
