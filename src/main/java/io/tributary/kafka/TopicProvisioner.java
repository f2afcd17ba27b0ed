package io.tributary.kafka;

import io.tributary.config.KafkaSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes sure the ingest topic exists and can hold Mimir's records before anything produces to it, and
 * keeps its partition count at hand for the distributor.
 * <p>
 * At startup (phase {@link #PHASE}, after the embedded broker, before producers and the web server): with
 * {@code auto-create-topic-enabled} a missing topic is created with {@code auto-create-topic-default-partitions}
 * (-1 = broker default) and {@code max.message.bytes=16000000}; an existing topic that is too small for
 * the largest record, or has fewer partitions than asked for, is left alone and a WARN says what to run.
 * Without auto-creation a missing topic fails startup. Afterwards the partition count is refreshed
 * from metadata every {@code refreshInterval}.
 */
public class TopicProvisioner implements SmartLifecycle {

    /** Lifecycle phase: after {@link EmbeddedKafkaBroker#PHASE}; Kafka clients start above it. */
    public static final int PHASE = EmbeddedKafkaBroker.PHASE + 1_000;

    /**
     * Room for Kafka's batch and record framing (and the tenant key and Version header) around the largest
     * record value; the gap Mimir leaves between 15,983,616 and 16,000,000.
     */
    public static final int RECORD_OVERHEAD_BYTES = 16_384;

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaSettings settings;
    private final KafkaBootstrap bootstrap;
    private final Duration refreshInterval;

    private volatile Admin admin;
    private volatile ScheduledExecutorService refresher;
    private volatile int partitionCount;
    private volatile boolean refreshFailing;

    /** Refreshes the partition count every 10 s, as often as Mimir's writer refreshes metadata. */
    public TopicProvisioner(KafkaSettings settings, KafkaBootstrap bootstrap) {
        this(settings, bootstrap, Duration.ofSeconds(10));
    }

    public TopicProvisioner(KafkaSettings settings, KafkaBootstrap bootstrap, Duration refreshInterval) {
        this.settings = settings;
        this.bootstrap = bootstrap;
        this.refreshInterval = refreshInterval;
    }

    /** The topic every tenant writes to. */
    public String topic() {
        return settings.getTopic();
    }

    /**
     * The topic's partition count as last seen in metadata: a volatile read, cheap enough per request.
     * 0 before {@link #start()}.
     */
    public int partitionCount() {
        return partitionCount;
    }

    /** The topic's max.message.bytes must fit the largest record value plus framing. */
    public int requiredMaxMessageBytes() {
        return Math.max(KafkaClientProperties.MAX_MESSAGE_BYTES, settings.getProducerMaxRecordSizeBytes() + RECORD_OVERHEAD_BYTES);
    }

    @Override
    public synchronized void start() {
        if (admin != null) {
            return;
        }
        admin = Admin.create(KafkaClientProperties.admin(settings, bootstrap.admin()));
        try {
            provision();
        } catch (RuntimeException e) {
            closeAdmin();
            throw e;
        }
        refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tributary-topic-metadata");
            thread.setDaemon(true);
            return thread;
        });
        long everyMs = refreshInterval.toMillis();
        refresher.scheduleWithFixedDelay(this::refresh, everyMs, everyMs, TimeUnit.MILLISECONDS);
    }

    private void provision() {
        String topic = topic();
        Optional<TopicDescription> existing = describe(topic);
        if (existing.isEmpty()) {
            if (!settings.isAutoCreateTopicEnabled()) {
                throw new IllegalStateException("Kafka topic '" + topic + "' does not exist and "
                        + "ingest-storage.kafka.auto-create-topic-enabled is false: create it with 'kafka-topics.sh "
                        + "--bootstrap-server " + bootstrap.admin() + " --create --topic " + topic + " --partitions N "
                        + "--config max.message.bytes=" + requiredMaxMessageBytes() + "', or enable auto-creation");
            }
            boolean created = create(topic);
            // Both after our creation and after another instance's (TopicExistsException), the broker
            // that answers describeTopics may not have the new topic in its metadata cache yet.
            TopicDescription description = describeOnceVisible(topic);
            partitionCount = description.partitions().size();
            if (created) {
                log.info("Created Kafka topic '{}' with {} partitions and max.message.bytes={}",
                        topic, partitionCount, requiredMaxMessageBytes());
                return;
            }
            warnIfUndersized(topic, partitionCount);
            return;
        }
        partitionCount = existing.get().partitions().size();
        warnIfUndersized(topic, partitionCount);
    }

    private boolean create(String topic) {
        int requested = settings.getAutoCreateTopicDefaultPartitions();
        // Optional.empty() asks the broker for its num.partitions / default.replication.factor (Mimir's -1).
        Optional<Integer> partitions = requested > 0 ? Optional.of(requested) : Optional.empty();
        NewTopic newTopic = new NewTopic(topic, partitions, Optional.empty())
                .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(requiredMaxMessageBytes())));
        try {
            await(admin.createTopics(List.of(newTopic)).all());
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw failure("create Kafka topic '" + topic + "'", e);
        }
    }

    private void warnIfUndersized(String topic, int partitions) {
        int required = requiredMaxMessageBytes();
        Integer maxMessageBytes = maxMessageBytes(topic);
        if (maxMessageBytes != null && maxMessageBytes < required) {
            log.warn("Kafka topic '{}' has max.message.bytes={}, below the {} bytes the largest record "
                            + "(ingest-storage.kafka.producer-max-record-size-bytes={}) needs, so large writes will fail with "
                            + "MESSAGE_TOO_LARGE. Fix: kafka-configs.sh --bootstrap-server {} --alter --entity-type topics "
                            + "--entity-name {} --add-config max.message.bytes={}",
                    topic, maxMessageBytes, required, settings.getProducerMaxRecordSizeBytes(), bootstrap.admin(), topic, required);
        }
        int requested = settings.getAutoCreateTopicDefaultPartitions();
        if (requested > 0 && partitions < requested) {
            log.warn("Kafka topic '{}' has {} partitions, fewer than "
                            + "ingest-storage.kafka.auto-create-topic-default-partitions={}, so partitions {}..{} receive no "
                            + "writes. Fix: kafka-topics.sh --bootstrap-server {} --alter --topic {} --partitions {}",
                    topic, partitions, requested, partitions, requested - 1, bootstrap.admin(), topic, requested);
        }
    }

    /** The topic's effective max.message.bytes (its own or the broker's), or null if unreadable (e.g. no ACL). */
    private Integer maxMessageBytes(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Map<ConfigResource, Config> configs = await(admin.describeConfigs(Set.of(resource)).all());
            ConfigEntry entry = configs.get(resource).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            return entry == null || entry.value() == null ? null : Integer.valueOf(entry.value());
        } catch (ExecutionException e) {
            log.warn("Cannot read the configuration of Kafka topic '{}', so its max.message.bytes is unchecked: {}",
                    topic, e.getCause().toString());
            return null;
        }
    }

    private Optional<TopicDescription> describe(String topic) {
        try {
            return Optional.of(await(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw failure("describe Kafka topic '" + topic + "'", e);
        }
    }

    private TopicDescription describeOnceVisible(String topic) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (true) {
            Optional<TopicDescription> description = describe(topic);
            if (description.isPresent()) {
                return description.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka topic '" + topic + "' was created but did not appear in the "
                        + "metadata of " + bootstrap.admin() + " within " + STARTUP_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while provisioning Kafka topic '" + topic + "'", e);
            }
        }
    }

    private <T> T await(org.apache.kafka.common.KafkaFuture<T> future) throws ExecutionException {
        try {
            return future.get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while provisioning Kafka topic '" + topic() + "'", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrap.admin() + " did not answer within "
                    + STARTUP_TIMEOUT.toSeconds() + " s while provisioning topic '" + topic() + "'", e);
        }
    }

    private IllegalStateException failure(String action, ExecutionException e) {
        return new IllegalStateException("Cannot " + action + " at " + bootstrap.admin() + ": "
                + KafkaFailureExplainer.explain(e.getCause(), settings), e.getCause());
    }

    /** Periodic metadata refresh; failures keep the last known count, logged once per outage. */
    private void refresh() {
        Admin current = admin;
        if (current == null) {
            return; // stopped
        }
        try {
            TopicDescription description = current.describeTopics(List.of(topic())).allTopicNames()
                    .get(refreshInterval.toMillis(), TimeUnit.MILLISECONDS).get(topic());
            int partitions = description.partitions().size();
            if (partitions != partitionCount) {
                log.info("Kafka topic '{}' now has {} partitions (was {})", topic(), partitions, partitionCount);
                partitionCount = partitions;
            }
            if (refreshFailing) {
                log.info("Kafka topic '{}' metadata is readable again", topic());
                refreshFailing = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!refreshFailing) {
                log.warn("Cannot refresh the partition count of Kafka topic '{}', keeping {}: {}", topic(), partitionCount,
                        KafkaFailureExplainer.explain(e, settings));
                refreshFailing = true;
            }
        }
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService running = refresher;
        if (running != null) {
            running.shutdownNow();
            refresher = null;
        }
        closeAdmin();
    }

    private void closeAdmin() {
        Admin current = admin;
        admin = null;
        if (current != null) {
            // Don't wait for in-flight requests: at shutdown the (embedded) broker may already be gone.
            current.close(Duration.ZERO);
        }
    }

    @Override
    public boolean isRunning() {
        return admin != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
