package io.tributary.kafka;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adds {@code kafka.bootstrap} (always), {@code kafka.topic} and {@code kafka.embedded.address} (only
 * with the in-process broker) to {@code /actuator/info}, so an operator can see which Kafka this instance
 * writes to and point a client (kcat, kafka-console-consumer) at the embedded one.
 */
public class KafkaInfoContributor implements InfoContributor {

    private final KafkaBootstrap bootstrap;
    private final TopicProvisioner topics;

    public KafkaInfoContributor(KafkaBootstrap bootstrap, TopicProvisioner topics) {
        this.bootstrap = bootstrap;
        this.topics = topics;
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> kafka = new LinkedHashMap<>();
        try {
            kafka.put("bootstrap", bootstrap.admin());
        } catch (IllegalStateException notYet) {
            kafka.put("bootstrap", "");
        }
        kafka.put("topic", topics.topic());
        String embedded = bootstrap.embeddedAddress();
        if (embedded != null) {
            kafka.put("embedded", Map.of("address", embedded));
        }
        builder.withDetail("kafka", kafka);
    }
}
