package io.tributary.console.partitions;

import io.tributary.config.ValidatedSettings;
import io.tributary.kafka.KafkaBootstrap;
import io.tributary.kafka.KafkaClientProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Asks Kafka through one long-lived Admin client from the Kafka seam (rebuilt when applied settings change its
 * properties): DescribeTopics (leader, replicas, ISR),
 * ListOffsets earliest, latest and max-timestamp, ListConsumerGroupOffsets, and DescribeLogDirs for the partition
 * sizes behind bytes/s in. Each question has its own timeout, so a broker that refuses one (DescribeLogDirs needs
 * DESCRIBE on the cluster) still leaves the others on the page.
 */
@Component
public class AdminPartitionOffsetsProbe implements PartitionOffsetsProbe, DisposableBean {
    private static final Duration TIMEOUT = Duration.ofSeconds(4);

    private final ValidatedSettings settings;
    private final ObjectProvider<KafkaBootstrap> bootstrap;
    private Admin admin;
    /** The properties {@link #admin} was built from: when applied settings change them, it is rebuilt. */
    private Map<String, Object> adminProperties;

    public AdminPartitionOffsetsProbe(ValidatedSettings settings, ObjectProvider<KafkaBootstrap> bootstrap) {
        this.settings = settings;
        this.bootstrap = bootstrap;
    }

    @Override
    public synchronized TopicSnapshot probe(Map<Integer, String> consumerGroups) {
        long now = System.currentTimeMillis();
        List<String> errors = new ArrayList<>();
        String topic = settings.kafka().getTopic();
        Admin client;
        try {
            client = admin();
        } catch (RuntimeException e) {
            return new TopicSnapshot(now, List.of(), "no Admin client: " + e.getMessage());
        }
        TopicDescription description = get(client.describeTopics(List.of(topic)).allTopicNames(), errors,
                "DescribeTopics").map(m -> m.get(topic)).orElse(null);
        if (description == null) {
            return new TopicSnapshot(now, List.of(), String.join("; ", errors));
        }
        Map<TopicPartition, OffsetSpec> earliest = new LinkedHashMap<>();
        for (TopicPartitionInfo info : description.partitions()) {
            earliest.put(new TopicPartition(topic, info.partition()), OffsetSpec.earliest());
        }
        Map<TopicPartition, Long> start = offsets(client, earliest, OffsetSpec.earliest(), errors);
        Map<TopicPartition, Long> end = offsets(client, earliest, OffsetSpec.latest(), errors);
        Map<TopicPartition, Long> newest = newestTimestamps(client, earliest, errors);
        Map<TopicPartition, Long> committed = committed(client, topic, consumerGroups, errors);
        Map<TopicPartition, Long> sizes = sizes(client, description, errors);
        List<KafkaPartition> partitions = new ArrayList<>();
        for (TopicPartitionInfo info : description.partitions()) {
            TopicPartition tp = new TopicPartition(topic, info.partition());
            partitions.add(new KafkaPartition(info.partition(), info.leader() == null || info.leader().isEmpty()
                    ? -1 : info.leader().id(), ids(info.replicas()), ids(info.isr()), start.getOrDefault(tp, -1L),
                    end.getOrDefault(tp, -1L), newest.getOrDefault(tp, -1L), sizes.getOrDefault(tp, -1L),
                    committed.getOrDefault(tp, -1L)));
        }
        return new TopicSnapshot(now, partitions, String.join("; ", errors));
    }

    private Admin admin() {
        // Settings applied from the console change the live settings object; compare rather than subscribe, so
        // nothing outside the console has to know this client exists.
        Map<String, Object> wanted = KafkaClientProperties.admin(settings.kafka(), bootstrap.getObject().admin());
        if (admin == null || !wanted.equals(adminProperties)) {
            if (admin != null) {
                admin.close(Duration.ofSeconds(2));
            }
            admin = Admin.create(wanted);
            adminProperties = wanted;
        }
        return admin;
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    private static Map<TopicPartition, Long> offsets(Admin client, Map<TopicPartition, OffsetSpec> partitions,
            OffsetSpec spec, List<String> errors) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.keySet().forEach(tp -> request.put(tp, spec));
        return get(client.listOffsets(request).all(), errors, "ListOffsets")
                .map(m -> toOffsets(m)).orElse(Map.of());
    }

    private static Map<TopicPartition, Long> toOffsets(Map<TopicPartition, ListOffsetsResultInfo> answers) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        answers.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    private static Map<TopicPartition, Long> newestTimestamps(Admin client, Map<TopicPartition, OffsetSpec> partitions,
            List<String> errors) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.keySet().forEach(tp -> request.put(tp, OffsetSpec.maxTimestamp()));
        Map<TopicPartition, Long> timestamps = new HashMap<>();
        get(client.listOffsets(request).all(), errors, "ListOffsets(max-timestamp)")
                .ifPresent(m -> m.forEach((tp, info) -> timestamps.put(tp, info.timestamp())));
        return timestamps;
    }

    private static Map<TopicPartition, Long> committed(Admin client, String topic, Map<Integer, String> groups,
            List<String> errors) {
        Map<TopicPartition, Long> committed = new HashMap<>();
        Map<String, List<TopicPartition>> byGroup = new LinkedHashMap<>();
        groups.forEach((p, g) -> byGroup.computeIfAbsent(g, x -> new ArrayList<>()).add(new TopicPartition(topic, p)));
        if (byGroup.isEmpty()) {
            return committed;
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
        byGroup.forEach((g, tps) -> specs.put(g, new ListConsumerGroupOffsetsSpec().topicPartitions(tps)));
        get(client.listConsumerGroupOffsets(specs).all(), errors, "ListConsumerGroupOffsets").ifPresent(all ->
                byGroup.forEach((group, tps) -> {
                    Map<TopicPartition, OffsetAndMetadata> offsets = all.getOrDefault(group, Map.of());
                    for (TopicPartition tp : tps) {
                        OffsetAndMetadata offset = offsets.get(tp);
                        committed.put(tp, offset == null ? -1L : offset.offset());
                    }
                }));
        return committed;
    }

    private static Map<TopicPartition, Long> sizes(Admin client, TopicDescription description, List<String> errors) {
        Map<TopicPartition, Long> sizes = new HashMap<>();
        List<Integer> leaders = description.partitions().stream().map(TopicPartitionInfo::leader)
                .filter(n -> n != null && !n.isEmpty()).map(Node::id).distinct().toList();
        if (leaders.isEmpty()) {
            return sizes;
        }
        get(client.describeLogDirs(leaders).allDescriptions(), errors, "DescribeLogDirs").ifPresent(byBroker -> {
            for (TopicPartitionInfo info : description.partitions()) {
                if (info.leader() == null || info.leader().isEmpty()) {
                    continue;
                }
                TopicPartition tp = new TopicPartition(description.name(), info.partition());
                for (LogDirDescription dir : byBroker.getOrDefault(info.leader().id(), Map.of()).values()) {
                    ReplicaInfo replica = dir.replicaInfos().get(tp);
                    if (replica != null && !replica.isFuture()) {
                        sizes.merge(tp, replica.size(), Long::sum);
                    }
                }
            }
        });
        return sizes;
    }

    private static <T> Optional<T> get(KafkaFuture<T> future, List<String> errors, String request) {
        try {
            return Optional.ofNullable(future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            errors.add(request + " failed: " + e.getCause());
        } catch (TimeoutException e) {
            errors.add(request + " not answered within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            errors.add(request + " interrupted");
        }
        return Optional.empty();
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
