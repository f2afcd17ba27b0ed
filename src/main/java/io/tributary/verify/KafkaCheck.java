package io.tributary.verify;

import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * A check that reads the topic or cluster through the Admin API. A request that fails or times out becomes a FAIL
 * in {@link KafkaProbe#explain}'s words (naming the setting, secrets masked) rather than a raw exception, so every
 * Kafka-level check reports trouble the same way.
 */
abstract class KafkaCheck extends DescribedCheck {

    protected final KafkaProbe kafka;

    KafkaCheck(KafkaProbe kafka, String id, String title, Set<String> requires) {
        super(id, title, requires);
        this.kafka = kafka;
    }

    /**
     * The ingest topic's partitions and id, through the check's own admin client; an ExecutionException with an
     * UnknownTopicOrPartitionException inside when the topic is missing.
     */
    protected TopicDescription describeTopic(Admin admin) throws Exception {
        String topic = kafka.topic();
        return kafka.await(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic);
    }

    @Override
    public final CheckResult run() {
        try {
            return check();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return CheckResult.fail("could not read topic " + kafka.topic() + " from Kafka at " + kafka.serversOrUnset()
                    + ": " + kafka.explain(e), "This client needs DESCRIBE and DESCRIBE_CONFIGS on the topic and the "
                    + "cluster; fix the setting or the permission the evidence names.");
        }
    }

    /** The check proper; Kafka failures may propagate. */
    protected abstract CheckResult check() throws Exception;
}
