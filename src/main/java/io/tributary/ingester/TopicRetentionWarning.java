package io.tributary.ingester;

import io.tributary.consumer.PartitionReaders;
import io.tributary.verify.ReplayRetention;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Warns at startup when the topic keeps records for less time than a restart needs to replay them: Kafka is
 * the write-ahead log, so records must outlive the window they feed (a block range and a half) plus an outage.
 */
final class TopicRetentionWarning implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(TopicRetentionWarning.class);

    private final Supplier<Admin> admin;
    private final String topic;
    private final Duration blockRange;
    private volatile boolean running;

    TopicRetentionWarning(Supplier<Admin> admin, String topic, Duration blockRange) {
        this.admin = admin;
        this.topic = topic;
        this.blockRange = blockRange;
    }

    /** The shortest retention that still lets a restart rebuild every window not yet in a block, with an hour to spare. */
    static Duration minimumRetention(Duration blockRange) {
        return ReplayRetention.minimum(blockRange);
    }

    /** The warning for a topic's {@code retention.ms} ({@code -1} = unlimited), or null when it is long enough. */
    static String check(String topic, long retentionMs, Duration blockRange) {
        Duration minimum = minimumRetention(blockRange);
        if (retentionMs < 0 || retentionMs >= minimum.toMillis()) {
            return null;
        }
        return "topic " + topic + " keeps records for retention.ms=" + retentionMs + " ("
                + Duration.ofMillis(retentionMs) + ") but a restart replays up to one and a half block ranges "
                + "(blocks-storage.tsdb.block-ranges-period=" + blockRange + "): acknowledged samples can be lost. Raise it "
                + "to at least " + minimum.toMillis() + " ms, e.g. kafka-configs.sh --alter --entity-type topics "
                + "--entity-name " + topic + " --add-config retention.ms=" + ReplayRetention.suggestedMillis(blockRange);
    }

    @Override
    public void start() {
        running = true;
        try (Admin client = admin.get()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Map<ConfigResource, Config> configs = client.describeConfigs(Set.of(resource)).all().get(10, TimeUnit.SECONDS);
            ConfigEntry retention = configs.get(resource).get(TopicConfig.RETENTION_MS_CONFIG);
            if (retention != null && retention.value() != null) {
                String warning = check(topic, Long.parseLong(retention.value()), blockRange);
                if (warning != null) {
                    log.warn(warning);
                }
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.info("could not read retention.ms of topic {} to check it covers replay: {}", topic, e.toString());
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PartitionReaders.PHASE + 50;
    }
}
