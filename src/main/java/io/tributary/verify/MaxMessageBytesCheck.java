package io.tributary.verify;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The topic's {@code max.message.bytes} (its own, or the broker's {@code message.max.bytes} it inherits) fits the
 * largest record the distributor may produce ({@code ingest-storage.kafka.producer-max-record-size-bytes} plus
 * Kafka's framing). Kafka's default is 1 MB, Mimir's records go up to ~15.2 MB: too small a limit makes large
 * writes fail with MESSAGE_TOO_LARGE. The fix, a topic-level override, can be applied from here.
 */
public class MaxMessageBytesCheck extends KafkaCheck implements FixableCheck {

    public static final String ID = "max-message-bytes";

    private static final String BROKER_KEY = "message.max.bytes";


    public MaxMessageBytesCheck(KafkaProbe kafka) {
        super(kafka, ID, "max.message.bytes fits the largest record", Set.of(TopicExistsCheck.ID));
    }

    @Override
    protected CheckResult check() throws Exception {
        Admin admin = kafka.admin();
        try {
            ConfigResource topicResource = new ConfigResource(ConfigResource.Type.TOPIC, kafka.topic());
            ConfigEntry topicEntry = kafka.await(admin.describeConfigs(Set.of(topicResource)).all())
                    .get(topicResource).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            Long brokerValue = brokerMessageMaxBytes(admin);
            Long topicValue = topicEntry == null || topicEntry.value() == null ? null : Long.valueOf(topicEntry.value());
            String source = topicEntry == null ? "unknown" : describe(topicEntry.source());
            return judge(kafka.topic(), topicValue, source, brokerValue, kafka.settings().getProducerMaxRecordSizeBytes(),
                    kafka.requiredMaxMessageBytes(), command());
        } finally {
            KafkaProbe.close(admin);
        }
    }

    /** The verdict from the values read; separate so the rule and its wording are tested without a broker. */
    static CheckResult judge(String topic, Long topicValue, String topicSource, Long brokerValue, int maxRecordSize,
            int required, String command) {
        String evidence = "topic " + topic + " max.message.bytes=" + (topicValue == null ? "unreadable" : topicValue)
                + " (" + topicSource + "); broker message.max.bytes=" + (brokerValue == null ? "unreadable" : brokerValue)
                + "; ingest-storage.kafka.producer-max-record-size-bytes=" + maxRecordSize + ", so records of up to "
                + required + " bytes with Kafka's framing.";
        if (topicValue == null) {
            return CheckResult.warn(evidence + " The topic's limit could not be read (no DESCRIBE_CONFIGS permission?).",
                    "Make sure it is at least " + required + ": " + command);
        }
        if (topicValue < required) {
            return CheckResult.fail(evidence + " Writes with records above " + topicValue
                    + " bytes fail with MESSAGE_TOO_LARGE.", command
                    + "  (or set message.max.bytes=" + required + " in the brokers' server.properties and restart them)");
        }
        if (brokerValue != null && brokerValue < required) {
            return CheckResult.pass(evidence + " The topic's own setting overrides the smaller broker default; a topic "
                    + "recreated without --config max.message.bytes=" + required + " would be too small.");
        }
        return CheckResult.pass(evidence);
    }

    @Override
    public String fixAction() {
        return command();
    }

    @Override
    public String applyFix() throws Exception {
        int required = kafka.requiredMaxMessageBytes();
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, kafka.topic());
        AlterConfigOp set = new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                Integer.toString(required)), AlterConfigOp.OpType.SET);
        Admin admin = kafka.admin();
        try {
            kafka.await(admin.incrementalAlterConfigs(Map.of(resource, List.of(set))).all());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("could not set max.message.bytes=" + required + " on topic " + kafka.topic()
                    + ": " + kafka.explain(e) + " (an ALTER_CONFIGS permission on the topic is needed)", e);
        } finally {
            KafkaProbe.close(admin);
        }
        return "set max.message.bytes=" + required + " on topic " + kafka.topic() + " through the Admin API "
                + "(incrementalAlterConfigs), the same change as: " + command();
    }

    /** The exact command an operator runs to apply the fix by hand. */
    String command() {
        return "kafka-configs.sh --bootstrap-server " + kafka.serversOrUnset() + " --alter --entity-type topics"
                + " --entity-name " + kafka.topic() + " --add-config max.message.bytes=" + kafka.requiredMaxMessageBytes();
    }

    private Long brokerMessageMaxBytes(Admin admin) {
        try {
            Collection<Node> nodes = kafka.await(admin.describeCluster().nodes());
            if (nodes.isEmpty()) {
                return null;
            }
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, nodes.iterator().next().idString());
            Map<ConfigResource, Config> configs = kafka.await(admin.describeConfigs(Set.of(broker)).all());
            ConfigEntry entry = configs.get(broker).get(BROKER_KEY);
            return entry == null || entry.value() == null ? null : Long.valueOf(entry.value());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // Managed services often refuse broker DESCRIBE_CONFIGS; the topic's effective value is what counts.
            return null;
        }
    }

    private static String describe(ConfigEntry.ConfigSource source) {
        return switch (source) {
            case DYNAMIC_TOPIC_CONFIG -> "set on the topic";
            case DEFAULT_CONFIG -> "Kafka's default";
            case STATIC_BROKER_CONFIG, DYNAMIC_BROKER_CONFIG, DYNAMIC_DEFAULT_BROKER_CONFIG ->
                    "inherited from the broker's message.max.bytes";
            default -> source.name();
        };
    }
}
