package io.tributary.verify;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The topic keeps records long enough to replay them: Kafka is the write-ahead log, so a record must outlive the
 * window it feeds until that window is in a block ({@link ReplayRetention}). Also reports a size limit
 * ({@code retention.bytes}), which can drop records sooner than the time limit says.
 */
public class TopicRetentionCheck extends KafkaCheck {

    public static final String ID = "topic-retention";

    private final Duration blockRange;

    public TopicRetentionCheck(KafkaProbe kafka, Duration blockRange) {
        super(kafka, ID, "Retention long enough for replay", Set.of(TopicExistsCheck.ID));
        this.blockRange = blockRange;
    }

    @Override
    protected CheckResult check() throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, kafka.topic());
        Admin admin = kafka.admin();
        Config config;
        try {
            Map<ConfigResource, Config> configs = kafka.await(admin.describeConfigs(Set.of(resource)).all());
            config = configs.get(resource);
        } finally {
            KafkaProbe.close(admin);
        }
        return judge(kafka.topic(), value(config, TopicConfig.RETENTION_MS_CONFIG), value(config,
                TopicConfig.RETENTION_BYTES_CONFIG), blockRange, kafka.serversOrUnset());
    }

    private static Long value(Config config, String key) {
        ConfigEntry entry = config.get(key);
        return entry == null || entry.value() == null ? null : Long.valueOf(entry.value());
    }

    /** The verdict; {@code -1} means unlimited, null unreadable. */
    static CheckResult judge(String topic, Long retentionMs, Long retentionBytes, Duration blockRange, String servers) {
        Duration minimum = ReplayRetention.minimum(blockRange);
        String evidence = "topic " + topic + " retention.ms=" + (retentionMs == null ? "unreadable" : retentionMs)
                + (retentionMs != null && retentionMs >= 0 ? " (" + Duration.ofMillis(retentionMs) + ")" : "")
                + ", retention.bytes=" + (retentionBytes == null ? "unreadable" : retentionBytes)
                + "; a restart replays up to 1.5 block ranges (blocks-storage.tsdb.block-ranges-period=" + blockRange
                + "), so records must be kept at least " + minimum.toMillis() + " ms (" + minimum + ").";
        String fix = "kafka-configs.sh --bootstrap-server " + servers + " --alter --entity-type topics --entity-name "
                + topic + " --add-config retention.ms=" + ReplayRetention.suggestedMillis(blockRange);
        if (retentionMs == null) {
            return CheckResult.warn(evidence, "Make sure retention.ms is at least " + minimum.toMillis() + ": " + fix);
        }
        if (retentionMs >= 0 && retentionMs < minimum.toMillis()) {
            return CheckResult.warn(evidence + " Records can be deleted before a restart replays them: acknowledged "
                    + "samples can be lost.", fix);
        }
        if (retentionBytes != null && retentionBytes >= 0) {
            return CheckResult.warn(evidence + " retention.bytes limits each partition's size too; under heavy writes "
                    + "it can delete records sooner than retention.ms.", "Make sure a partition's busiest "
                    + minimum + " fits in " + retentionBytes + " bytes, or remove the limit: kafka-configs.sh "
                    + "--bootstrap-server " + servers + " --alter --entity-type topics --entity-name " + topic
                    + " --delete-config retention.bytes");
        }
        return CheckResult.pass(evidence);
    }
}
