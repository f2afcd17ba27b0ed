package io.tributary.distributor;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.config.ValidatedSettings;
import io.tributary.kafka.KafkaBootstrap;
import io.tributary.kafka.KafkaClientProperties;
import io.tributary.kafka.KafkaClusterHealthIndicator;
import io.tributary.kafka.KafkaFailureExplainer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the distributor role (every target but {@code ingester}): partition mapping and the Kafka writer. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(DistributorConfiguration.RUNS_DISTRIBUTOR)
public class DistributorConfiguration {

    /** True unless the process runs only the ingester role. */
    public static final String RUNS_DISTRIBUTOR = "!'${tributary.target:all}'.equalsIgnoreCase('ingester')";

    @Bean
    PartitionMapper partitionMapper() {
        return new PartitionRing();
    }

    @Bean
    KafkaPartitionWriter kafkaPartitionWriter(ValidatedSettings settings, KafkaBootstrap bootstrap, MeterRegistry registry,
                                              KafkaClusterHealthIndicator kafkaHealth) {
        return new KafkaPartitionWriter(
                () -> new KafkaProducer<>(KafkaClientProperties.producer(settings.kafka(), bootstrap.producer())),
                settings.kafka().getTopic(), settings.kafka().getProducerRecordVersion(), registry,
                failure -> KafkaFailureExplainer.explain(failure, settings.kafka()), kafkaHealth::authenticationFailure);
    }
}
