package io.tributary.support;

import io.tributary.kafka.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.apache.kafka.common.quota.ClientQuotaFilterComponent;

/**
 * The app's in-process KRaft broker, run in the test JVM, that can throttle a client's fetches with a real Kafka
 * client quota ({@code consumer_byte_rate}). Its quota windows are one second long and two deep, so a fetch may
 * take at most one second's worth of the quota and a throttle lasts about a second; with Kafka's defaults (eleven
 * one-second samples) a fetch may take ten seconds' worth and the client then sits out up to ten seconds, also
 * after the quota is removed.
 */
public final class QuotaKafkaBroker extends EmbeddedKafkaBroker {
    private static final String CONSUMER_BYTE_RATE = "consumer_byte_rate";

    public QuotaKafkaBroker(Path logDir) {
        super(logDir, 0, 1);
    }

    @Override
    protected Map<String, Object> brokerConfig(int brokerPort, int controllerPort) {
        Map<String, Object> props = super.brokerConfig(brokerPort, controllerPort);
        props.put("quota.window.num", "2");
        props.put("quota.window.size.seconds", "1");
        return props;
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Limits fetches of every client with {@code client.id = clientId} to {@code bytesPerSecond} together. */
    public void throttleFetches(String clientId, long bytesPerSecond) throws Exception {
        alter(clientId, (double) bytesPerSecond);
        awaitQuota(clientId, true);
    }

    /** Removes the fetch quota of {@code clientId}. */
    public void removeFetchThrottle(String clientId) throws Exception {
        alter(clientId, null);
        awaitQuota(clientId, false);
    }

    private void alter(String clientId, Double bytesPerSecond) throws Exception {
        try (Admin admin = admin()) {
            admin.alterClientQuotas(List.of(new ClientQuotaAlteration(entity(clientId),
                    List.of(new ClientQuotaAlteration.Op(CONSUMER_BYTE_RATE, bytesPerSecond))))).all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * The controller acknowledges the change before the broker has applied it; the broker answers
     * DescribeClientQuotas from the metadata it has applied, so this waits until that shows the change.
     */
    private void awaitQuota(String clientId, boolean present) throws Exception {
        ClientQuotaFilter filter = ClientQuotaFilter.containsOnly(
                List.of(ClientQuotaFilterComponent.ofEntity(ClientQuotaEntity.CLIENT_ID, clientId)));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (Admin admin = admin()) {
            while (true) {
                Map<String, Double> quotas = admin.describeClientQuotas(filter).entities().get(30, TimeUnit.SECONDS)
                        .getOrDefault(entity(clientId), Map.of());
                if (quotas.containsKey(CONSUMER_BYTE_RATE) == present) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the broker did not apply the " + CONSUMER_BYTE_RATE + " change for "
                            + clientId + " within 30 s: " + quotas);
                }
                Thread.sleep(50);
            }
        }
    }

    private static ClientQuotaEntity entity(String clientId) {
        return new ClientQuotaEntity(Map.of(ClientQuotaEntity.CLIENT_ID, clientId));
    }
}
