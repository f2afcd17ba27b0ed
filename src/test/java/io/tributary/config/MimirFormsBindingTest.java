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
    @DisplayName("Mimir's blocks_storage YAML section, underscore keys and all, binds to the blocks-storage settings")
    void mimirBlocksStorageYamlBinds() throws Exception {
        String yaml = """
                blocks_storage:
                  backend: s3
                  s3:
                    endpoint: minio.storage:9000
                    bucket_name: mimir-blocks
                    region: eu-west-1
                    access_key_id: ingester-blocks
                    secret_access_key: wJalrXUtnFEMI
                    session_token: FwoGZXIvYXdzEJr
                    insecure: true
                    bucket_lookup_type: virtual-hosted
                  tsdb:
                    dir: /var/lib/tributary/tsdb
                    block_ranges_period: 1h
                    ship_interval: 30s
                    retention_period: 24h
                """;
        List<PropertySource<?>> loaded = new YamlPropertySourceLoader()
                .load("mimir.yaml", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
        MutablePropertySources sources = new MutablePropertySources();
        loaded.forEach(sources::addLast);

        BlocksStorageProperties blocks = binder(sources).bind("blocks-storage", BlocksStorageProperties.class).get();

        assertThat(blocks.getBackend()).isEqualTo(BlocksBackend.S3);
        BlocksStorageProperties.S3 s3 = blocks.getS3();
        assertThat(s3.getEndpoint()).isEqualTo("minio.storage:9000");
        assertThat(s3.getBucketName()).isEqualTo("mimir-blocks");
        assertThat(s3.getRegion()).isEqualTo("eu-west-1");
        assertThat(s3.getAccessKeyId()).isEqualTo("ingester-blocks");
        assertThat(s3.getSecretAccessKey().reveal()).isEqualTo("wJalrXUtnFEMI");
        assertThat(s3.getSessionToken().reveal()).isEqualTo("FwoGZXIvYXdzEJr");
        assertThat(s3.isInsecure()).isTrue();
        assertThat(s3.getBucketLookupType()).isEqualTo(S3BucketLookupType.VIRTUAL_HOSTED);
        assertThat(blocks.getTsdb().getDir()).isEqualTo("/var/lib/tributary/tsdb");
        assertThat(blocks.getTsdb().getBlockRangesPeriod()).hasHours(1);
        assertThat(blocks.getTsdb().getShipInterval()).hasSeconds(30);
        assertThat(blocks.getTsdb().getRetentionPeriod()).hasHours(24);
    }

    @Test
    @DisplayName("Spring's environment-variable form BLOCKSSTORAGE_S3_BUCKETNAME binds")
    void blocksStorageEnvironmentVariablesBind() {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addLast(new SystemEnvironmentPropertySource("systemEnvironment", Map.of(
                "BLOCKSSTORAGE_BACKEND", "s3",
                "BLOCKSSTORAGE_S3_BUCKETNAME", "mimir-blocks",
                "BLOCKSSTORAGE_S3_SECRETACCESSKEY", "wJalrXUtnFEMI",
                "BLOCKSSTORAGE_TSDB_RETENTIONPERIOD", "1d")));

        BlocksStorageProperties blocks = binder(sources).bind("blocks-storage", BlocksStorageProperties.class).get();

        assertThat(blocks.getBackend()).isEqualTo(BlocksBackend.S3);
        assertThat(blocks.getS3().getBucketName()).isEqualTo("mimir-blocks");
        assertThat(blocks.getS3().getSecretAccessKey().reveal()).isEqualTo("wJalrXUtnFEMI");
        assertThat(blocks.getTsdb().getRetentionPeriod()).hasHours(24);
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
