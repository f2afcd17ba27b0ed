package io.tributary.verify;

import io.tributary.config.KafkaSettings;
import io.tributary.kafka.KafkaBootstrap;
import io.tributary.kafka.KafkaClientProperties;
import io.tributary.kafka.KafkaFailureExplainer;
import io.tributary.kafka.TopicProvisioner;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaFuture;

/**
 * What the Kafka-level checks share: the settings, where the brokers are, and throwaway clients built through
 * the one seam ({@link KafkaClientProperties}) so a check sees exactly what the producer and readers see, with a
 * short per-request timeout so a dead broker costs seconds, not the client's default minute.
 * <p>
 * Each check opens and closes its own client: checks run seldom, and a client per check means a failure (or a
 * timeout that abandons a request) in one cannot leave state behind for the next.
 */
public class KafkaProbe {

    private final KafkaSettings settings;
    private final KafkaBootstrap bootstrap;
    private final Duration timeout;

    public KafkaProbe(KafkaSettings settings, KafkaBootstrap bootstrap, Duration timeout) {
        this.settings = settings;
        this.bootstrap = bootstrap;
        this.timeout = timeout;
    }

    public KafkaSettings settings() {
        return settings;
    }

    public String topic() {
        return settings.getTopic();
    }

    /** How long one request may take. */
    public Duration timeout() {
        return timeout;
    }

    /** The admin bootstrap servers; throws {@link IllegalStateException} naming the setting when none is set. */
    public String servers() {
        return bootstrap.admin();
    }

    /** True when Tributary runs its in-process evaluation broker. */
    public boolean embedded() {
        return bootstrap.isEmbedded();
    }

    /** A new admin client; the caller closes it (with {@link #close(Admin)}). */
    public Admin admin() {
        Map<String, Object> props = KafkaClientProperties.admin(settings, servers());
        int ms = (int) timeout.toMillis();
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, ms);
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        return Admin.create(props);
    }

    /**
     * A new producer with the distributor's exact properties (acks=all, idempotence, write-timeout as its
     * delivery timeout), so the canary proves what real writes need; the caller closes it.
     */
    public Producer<byte[], byte[]> producer() {
        return new KafkaProducer<>(KafkaClientProperties.producer(settings, bootstrap.producer()));
    }

    /** Closes without waiting: the broker may be the very thing that is broken. */
    public static void close(AutoCloseable client) {
        if (client instanceof Admin admin) {
            admin.close(Duration.ZERO);
        } else if (client instanceof Producer<?, ?> producer) {
            producer.close(Duration.ZERO);
        } else if (client != null) {
            try {
                client.close();
            } catch (Exception ignored) {
                // nothing more to do for a client that is being thrown away
            }
        }
    }

    /** Waits for an Admin API answer at most {@link #timeout()}. */
    public <T> T await(KafkaFuture<T> future) throws ExecutionException, TimeoutException, InterruptedException {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The failure in the operator's words (naming the setting to look at), with every configured secret masked. */
    public String explain(Throwable failure) {
        Throwable cause = failure instanceof ExecutionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return "no answer from Kafka at " + serversOrUnset() + " within " + timeout.toMillis() + " ms: check that "
                    + "ingest-storage.kafka.address (or produce-endpoint/consume-endpoint) names reachable brokers, "
                    + "and the ingest-storage.kafka.tls-* and sasl-* settings match the listener"
                    + (cause.getMessage() == null ? "" : " (Kafka said: " + KafkaFailureExplainer.explain(cause, settings) + ")");
        }
        return KafkaFailureExplainer.explain(cause, settings);
    }

    /** The size the topic's max.message.bytes must reach: the largest record value plus Kafka's framing. */
    public int requiredMaxMessageBytes() {
        // The same rule as TopicProvisioner#requiredMaxMessageBytes, which applies it when creating the topic.
        return Math.max(KafkaClientProperties.MAX_MESSAGE_BYTES,
                settings.getProducerMaxRecordSizeBytes() + TopicProvisioner.RECORD_OVERHEAD_BYTES);
    }

    String serversOrUnset() {
        try {
            return servers();
        } catch (IllegalStateException e) {
            return "(no address set)";
        }
    }
}
