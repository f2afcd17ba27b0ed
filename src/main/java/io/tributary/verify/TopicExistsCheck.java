package io.tributary.verify;

import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** The ingest topic ({@code ingest-storage.kafka.topic}) exists on the cluster. */
public class TopicExistsCheck extends KafkaCheck {

    public static final String ID = "topic-exists";

    public TopicExistsCheck(KafkaProbe kafka) {
        super(kafka, ID, "Ingest topic exists", Set.of(BrokerConnectionCheck.ID));
    }

    @Override
    protected CheckResult check() throws Exception {
        String topic = kafka.topic();
        Admin admin = kafka.admin();
        try {
            TopicDescription description = describeTopic(admin);
            return CheckResult.pass("topic " + topic + " exists with " + description.partitions().size()
                    + " partition(s), topic id " + description.topicId() + ".");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                int partitions = kafka.settings().getAutoCreateTopicDefaultPartitions();
                String create = "kafka-topics.sh --bootstrap-server " + kafka.servers() + " --create --topic " + topic
                        + " --partitions " + (partitions > 0 ? partitions : "<at least the ingesters per zone>")
                        + " --config max.message.bytes=" + kafka.requiredMaxMessageBytes();
                String evidence = "topic " + topic + " (ingest-storage.kafka.topic) does not exist at " + kafka.servers()
                        + "; ingest-storage.kafka.auto-create-topic-enabled="
                        + kafka.settings().isAutoCreateTopicEnabled() + ".";
                return CheckResult.fail(evidence, "Create it: " + create
                        + (kafka.settings().isAutoCreateTopicEnabled()
                                ? " (or start Tributary, which creates it with these settings)" : ""));
            }
            return CheckResult.fail("cannot describe topic " + topic + ": " + kafka.explain(e),
                    "Grant this client DESCRIBE on the topic, or fix the setting named above.");
        } finally {
            KafkaProbe.close(admin);
        }
    }
}
