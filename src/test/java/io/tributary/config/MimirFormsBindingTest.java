package io.tributary.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Proves that each way an operator writes a Mimir setting (flag, Mimir YAML, env var) binds to the settings tree. */
class MimirFormsBindingTest {

    @Test
    @DisplayName("a Mimir YAML file with underscore keys, prefix included, binds to the kebab settings")
    void mimirYamlWithUnderscoreKeysBinds() throws Exception {
        String yaml = """
                ingest_storage:
                  enabled: true
                  kafka:
                    address: kafka-0.kafka:9092
                    topic: metrics
                    producer_max_record_size_bytes: 2000000
                    sasl_mechanism: SCRAM-SHA-512
                    sasl_password: s3cr3t
                    consume_from_position_at_startup: timestamp
                distributor:
                  remote_timeout: 7s
                  tenant_limits:
                    team-checkout:
                      ingestion_rate_limit: 500
                validation:
                  max_label_names_per_series: 40
                """;
        List<PropertySource<?>> loaded = new YamlPropertySourceLoader()
                .load("mimir.yaml", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
        MutablePropertySources sources = new MutablePropertySources();
        loaded.forEach(sources::addLast);
        Binder binder = binder(sources);

        KafkaSettings kafka = binder.bind("ingest-storage", IngestStorageProperties.class).get().getKafka();
        assertThat(kafka.getAddress()).isEqualTo("kafka-0.kafka:9092");
        assertThat(kafka.getTopic()).isEqualTo("metrics");
        assertThat(kafka.getProducerMaxRecordSizeBytes()).isEqualTo(2_000_000);
        assertThat(kafka.getSaslMechanism()).isEqualTo(SaslMechanism.SCRAM_SHA_512);
        assertThat(kafka.getSaslPassword().reveal()).isEqualTo("s3cr3t");
        assertThat(kafka.getConsumeFromPositionAtStartup()).isEqualTo(StartPosition.TIMESTAMP);
        DistributorProperties distributor = binder.bind("distributor", DistributorProperties.class).get();
        assertThat(distributor.getRemoteTimeout()).hasSeconds(7);
        assertThat(distributor.ingestionRateLimitOf("team-checkout")).isEqualTo(500);
        assertThat(binder.bind("validation", ValidationProperties.class).get().getMaxLabelNamesPerSeries())
                .isEqualTo(40);
    }

    @Test
    @DisplayName("Spring's environment-variable form INGESTSTORAGE_KAFKA_TOPIC binds")
    void springEnvironmentVariableFormBinds() {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addLast(new SystemEnvironmentPropertySource("systemEnvironment", Map.of(
                "INGESTSTORAGE_KAFKA_TOPIC", "metrics",
                "INGESTSTORAGE_KAFKA_PRODUCERMAXRECORDSIZEBYTES", "2000000",
                "DISTRIBUTOR_REMOTETIMEOUT", "9s")));
        Binder binder = binder(sources);

        KafkaSettings kafka = binder.bind("ingest-storage", IngestStorageProperties.class).get().getKafka();
        assertThat(kafka.getTopic()).isEqualTo("metrics");
        assertThat(kafka.getProducerMaxRecordSizeBytes()).isEqualTo(2_000_000);
        assertThat(binder.bind("distributor", DistributorProperties.class).get().getRemoteTimeout()).hasSeconds(9);
    }

    @Test
    @DisplayName("a translated Mimir flag binds under its kebab name")
    void translatedFlagBinds() {
        MapConfigurationPropertySource flags = new MapConfigurationPropertySource(Map.of(
                "ingest-storage.kafka.topic", "metrics",
                "ingest-storage.kafka.tls-enabled", "true"));
        Binder binder = new Binder(List.of(flags), null, conversionService());

        KafkaSettings kafka = binder.bind("ingest-storage", IngestStorageProperties.class).get().getKafka();
        assertThat(kafka.getTopic()).isEqualTo("metrics");
        assertThat(kafka.isTlsEnabled()).isTrue();
    }

    private static Binder binder(MutablePropertySources sources) {
        return new Binder(ConfigurationPropertySources.from(sources), null, conversionService());
    }

    private static ApplicationConversionService conversionService() {
        ApplicationConversionService conversion = new ApplicationConversionService();
        conversion.addConverter(new SecretConverter());
        return conversion;
    }
}
