package io.tributary.kafka;

import io.tributary.config.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Tries candidate settings with a throwaway admin client before they are applied: the cluster answers and accepts
 * the credentials, the topic exists with enough partitions, and its {@code max.message.bytes} takes the largest
 * record the producer may build. Timeouts are short (the operator is waiting at the form), and failures are worded
 * by {@link KafkaFailureExplainer} so they name the setting to fix.
 */
public final class ConnectionTest {

    /** One step of the test, in the order it ran. */
    public record Step(String name, boolean passed, String detail) {
    }

    /** The steps; the test passed when every step did. */
    public record Result(String bootstrapServers, List<Step> steps) {
        public boolean passed() {
            return !steps.isEmpty() && steps.stream().allMatch(Step::passed);
        }
    }

    private final Duration timeout;

    public ConnectionTest(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * @param candidate          the settings to try
     * @param embeddedAddress    the in-process broker's address, used when the candidate sets no address; may be null
     * @param partitionsNeeded   the partitions this deployment reads (the topic must have at least that many)
     */
    public Result run(KafkaSettings candidate, String embeddedAddress, int partitionsNeeded) {
        String servers = BootstrapServers.noneConfigured(candidate) ? embeddedAddress : BootstrapServers.admin(candidate);
        List<Step> steps = new ArrayList<>();
        if (servers == null || servers.isBlank()) {
            steps.add(new Step("cluster reachable", false, "no address: set ingest-storage.kafka.address"));
            return new Result("", steps);
        }
        Map<String, Object> props = KafkaClientProperties.admin(candidate, servers);
        int ms = (int) timeout.toMillis();
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, ms);
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        props.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        try (Admin admin = Admin.create(props)) {
            if (!clusterStep(admin, candidate, servers, steps)) {
                return new Result(servers, steps);
            }
            TopicDescription topic = topicStep(admin, candidate, partitionsNeeded, steps);
            if (topic != null) {
                maxMessageBytesStep(admin, candidate, steps);
            }
        } catch (RuntimeException e) {
            steps.add(new Step("client created", false, KafkaFailureExplainer.explain(e, candidate)));
        }
        return new Result(servers, steps);
    }

    private boolean clusterStep(Admin admin, KafkaSettings candidate, String servers, List<Step> steps) {
        try {
            Collection<Node> nodes = get(admin.describeCluster().nodes().toCompletionStage().toCompletableFuture());
            String id = get(admin.describeCluster().clusterId().toCompletionStage().toCompletableFuture());
            steps.add(new Step("cluster reachable and authenticated", true,
                    nodes.size() + " broker(s), cluster id " + id));
            return true;
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String detail = cause instanceof TimeoutException
                    || cause instanceof org.apache.kafka.common.errors.TimeoutException
                    ? "no broker answered at " + servers + " within " + timeout.toMillis() + " ms: check "
                    + "ingest-storage.kafka.address (host and port), and that the listener there speaks what "
                    + "ingest-storage.kafka.tls-enabled and sasl-mechanism say"
                    : explain(e, candidate);
            steps.add(new Step("cluster reachable and authenticated", false, detail));
            return false;
        }
    }

    private TopicDescription topicStep(Admin admin, KafkaSettings candidate, int partitionsNeeded, List<Step> steps) {
        String topic = candidate.getTopic();
        try {
            TopicDescription description = get(admin.describeTopics(List.of(topic)).allTopicNames()
                    .toCompletionStage().toCompletableFuture()).get(topic);
            int partitions = description.partitions().size();
            boolean enough = partitions >= partitionsNeeded;
            steps.add(new Step("topic present with enough partitions", enough, "topic " + topic + " has " + partitions
                    + " partition(s)" + (enough ? "" : "; this deployment reads " + partitionsNeeded
                    + ": add partitions or pick another ingest-storage.kafka.topic")));
            return description;
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            String detail = cause instanceof UnknownTopicOrPartitionException
                    ? "topic " + topic + " does not exist: create it, or enable ingest-storage.kafka.auto-create-topic-enabled"
                    : explain(e, candidate);
            steps.add(new Step("topic present with enough partitions", false, detail));
            return null;
        }
    }

    private void maxMessageBytesStep(Admin admin, KafkaSettings candidate, List<Step> steps) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, candidate.getTopic());
        try {
            Config config = get(admin.describeConfigs(List.of(resource)).all().toCompletionStage().toCompletableFuture())
                    .get(resource);
            ConfigEntry entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            long limit = Long.parseLong(entry.value());
            long needed = candidate.getProducerMaxRecordSizeBytes();
            boolean ok = limit >= needed;
            steps.add(new Step("max.message.bytes", ok, "topic allows " + limit + " bytes; "
                    + "ingest-storage.kafka.producer-max-record-size-bytes is " + needed + (ok ? "" : ": raise the topic's "
                    + "max.message.bytes to at least " + needed + " or lower producer-max-record-size-bytes")));
        } catch (Exception e) {
            steps.add(new Step("max.message.bytes", false, explain(e, candidate)));
        }
    }

    private <T> T get(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        try {
            return future.get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException("no answer within " + timeout.toMillis() + " ms");
        }
    }

    private static String explain(Exception e, KafkaSettings candidate) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return KafkaFailureExplainer.explain(cause, candidate);
    }
}
