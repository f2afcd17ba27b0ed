package io.tributary.kafka;

import io.tributary.config.BlocksStorageProperties;
import io.tributary.config.DistributorProperties;
import io.tributary.config.IngestStorageProperties;
import io.tributary.config.KafkaSettings;
import io.tributary.config.TributaryProperties;
import io.tributary.config.ValidatedSettings;
import io.tributary.config.ValidationProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({IngestStorageProperties.class, TributaryProperties.class,
            DistributorProperties.class, ValidationProperties.class, BlocksStorageProperties.class})
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class, ValidatedSettings.class, KafkaConfiguration.class)
            .withAllowBeanDefinitionOverriding(true)
            // Topic provisioning would try to reach the configured (absent) brokers at refresh.
            .withBean("topicProvisioner", TopicProvisioner.class, () -> new TopicProvisioner(new KafkaSettings(), null) {
                @Override
                public boolean isAutoStartup() {
                    return false;
                }
            });

    @Test
    void noEmbeddedBrokerWhenAnAddressIsConfigured() {
        runner.withPropertyValues("ingest-storage.kafka.address=kafka-0.ingest:9092")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(EmbeddedKafkaBroker.class);
                    assertThat(context.getBean(KafkaBootstrap.class).producer()).isEqualTo("kafka-0.ingest:9092");
                });
    }

    @Test
    void noEmbeddedBrokerWhenOnlyAProduceEndpointIsConfigured() {
        runner.withPropertyValues("ingest-storage.kafka.produce-endpoint=writers:9093")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(EmbeddedKafkaBroker.class);
                    assertThat(context.getBean(KafkaBootstrap.class).admin()).isEqualTo("writers:9093");
                });
    }
}
