package io.tributary.kafka;

import io.tributary.config.TributaryProperties;
import io.tributary.config.ValidatedSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Wires the Kafka seam: the embedded broker (only when no broker is configured), the bootstrap decision,
 * topic provisioning, the "kafka" readiness check and the info contribution.
 */
// Every bean takes ValidatedSettings, so no broker or client starts before all settings passed validation.
@Configuration(proxyBeanMethods = false)
public class KafkaConfiguration {

    @Bean
    @Conditional(NoKafkaConfigured.class)
    EmbeddedKafkaBroker embeddedKafkaBroker(ValidatedSettings settings) {
        TributaryProperties tributary = settings.tributary();
        return new EmbeddedKafkaBroker(tributary.getDataDir().resolve("kafka"),
                tributary.getEmbeddedKafka().getPort(), tributary.getEmbeddedKafka().getDefaultPartitions());
    }

    @Bean
    KafkaBootstrap kafkaBootstrap(ValidatedSettings settings, ObjectProvider<EmbeddedKafkaBroker> embedded) {
        // Here because this bean is made once per start, before any Kafka client.
        ClientSecurity.warnIfVerificationSkipped(settings.kafka());
        return new KafkaBootstrap(settings.kafka(), embedded.getIfAvailable());
    }

    @Bean
    TopicProvisioner topicProvisioner(ValidatedSettings settings, KafkaBootstrap bootstrap) {
        return new TopicProvisioner(settings.kafka(), bootstrap);
    }

    /** The bean name makes the health contributor's name "kafka". */
    @Bean
    KafkaClusterHealthIndicator kafkaHealthIndicator(ValidatedSettings settings, KafkaBootstrap bootstrap) {
        return new KafkaClusterHealthIndicator(settings.kafka(), bootstrap);
    }

    @Bean
    KafkaInfoContributor kafkaInfoContributor(KafkaBootstrap bootstrap, TopicProvisioner topicProvisioner) {
        return new KafkaInfoContributor(bootstrap, topicProvisioner);
    }

    /**
     * True when address, produce-endpoint and consume-endpoint are all empty. Read through a
     * {@link Binder} so every relaxed spelling (INGEST_STORAGE_KAFKA_ADDRESS, YAML, flags) counts.
     */
    static class NoKafkaConfigured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Binder binder = Binder.get(context.getEnvironment());
            for (String key : new String[] {"address", "produce-endpoint", "consume-endpoint"}) {
                String value = binder.bind("ingest-storage.kafka." + key, String.class).orElse("");
                if (!value.isBlank()) {
                    return false;
                }
            }
            return true;
        }
    }
}
