package io.tributary.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.config.ConfigDataResourceNotFoundException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A real SpringApplication, started with Mimir's command line, binds the settings or fails listing them. */
@ExtendWith(OutputCaptureExtension.class)
class MimirCommandLineTest {

    @Test
    @DisplayName("-ingest-storage.kafka.topic=metrics on the command line binds")
    void mimirFlagBinds() {
        try (ConfigurableApplicationContext context = run("-ingest-storage.kafka.topic=metrics",
                "-ingest-storage.kafka.auto-create-topic-default-partitions", "-1",
                "-ingest-storage.kafka.use-compressed-bytes-as-fetch-max-bytes=false")) {
            KafkaSettings kafka = context.getBean(ValidatedSettings.class).kafka();

            assertThat(kafka.getTopic()).isEqualTo("metrics");
            assertThat(kafka.getAutoCreateTopicDefaultPartitions()).isEqualTo(-1);
            assertThat(kafka.isUseCompressedBytesAsFetchMaxBytes()).isFalse();
        }
    }

    @Test
    @DisplayName("-config.file applies a Mimir YAML file with underscore keys, and flags override it")
    void mimirConfigFileApplies(@TempDir Path dir) throws IOException {
        Path mimirYaml = Files.writeString(dir.resolve("mimir.yaml"), """
                target: all
                ingest_storage:
                  enabled: true
                  kafka:
                    topic: mimir-ingest
                    producer_max_record_size_bytes: 2000000
                distributor:
                  remote_timeout: 5s
                """);

        try (ConfigurableApplicationContext context = run("-config.file=" + mimirYaml,
                "-distributor.remote-timeout=7s")) {
            ValidatedSettings settings = context.getBean(ValidatedSettings.class);

            assertThat(settings.kafka().getTopic()).isEqualTo("mimir-ingest");
            assertThat(settings.kafka().getProducerMaxRecordSizeBytes()).isEqualTo(2_000_000);
            assertThat(settings.distributor().getRemoteTimeout()).hasSeconds(7);
        }
    }

    @Test
    @DisplayName("Mimir's -blocks-storage flags bind, with an empty filesystem dir meaning <data-dir>/blocks")
    void mimirBlocksStorageFlagsBind(@TempDir Path dir) {
        try (ConfigurableApplicationContext context = run("-tributary.data-dir=" + dir,
                "-blocks-storage.tsdb.block-ranges-period=1h", "-blocks-storage.tsdb.retention-period", "6h",
                "-blocks-storage.s3.insecure")) {
            BlocksStorageProperties blocks = context.getBean(ValidatedSettings.class).blocksStorage();

            assertThat(blocks.getBackend()).isEqualTo(BlocksBackend.FILESYSTEM);
            assertThat(blocks.getFilesystem().resolvedDir(dir)).isEqualTo(dir.resolve("blocks"));
            assertThat(blocks.getTsdb().resolvedDir(dir)).isEqualTo(dir.resolve("tsdb"));
            assertThat(blocks.getTsdb().getBlockRangesPeriod()).hasHours(1);
            assertThat(blocks.getTsdb().getRetentionPeriod()).hasHours(6);
            assertThat(blocks.getS3().isInsecure()).isTrue();
        }
    }

    @Test
    @DisplayName("invalid blocks-storage settings stop startup with the others, the secret masked")
    void invalidBlocksStorageSettingsStopStartup(CapturedOutput output) {
        assertThatThrownBy(() -> run("-blocks-storage.backend=s3", "-blocks-storage.s3.region=eu-west-1",
                "-blocks-storage.s3.secret-access-key=wJalrXUtnFEMI", "-ingest-storage.kafka.topic="))
                .hasRootCauseInstanceOf(InvalidSettingsException.class);

        assertThat(output).contains("""
                Tributary cannot start: 3 invalid settings

                  - ingest-storage.kafka.topic is empty: set the topic that all tenants write to
                  - blocks-storage.s3.bucket-name is empty but blocks-storage.backend is s3: set the bucket that \
                holds the blocks
                  - blocks-storage.s3.secret-access-key is set but blocks-storage.s3.access-key-id is empty: set both \
                for static credentials, or neither to use the AWS default credential chain
                """).doesNotContain("wJalrXUtnFEMI");
    }

    @Test
    @DisplayName("-config.file naming a missing file stops startup instead of running on defaults")
    void missingConfigFileStopsStartup(@TempDir Path dir) {
        Path missing = dir.resolve("mimir.yaml");

        assertThatThrownBy(() -> run("-config.file=" + missing))
                .isInstanceOf(ConfigDataResourceNotFoundException.class)
                .hasMessageContaining("mimir.yaml");
    }

    @Test
    @DisplayName("invalid settings stop startup with every violation and what to do")
    void invalidSettingsStopStartup(CapturedOutput output) {
        assertThatThrownBy(() -> run("-ingest-storage.kafka.topic=", "-ingest-storage.kafka.fetch-max-wait", "1s"))
                .hasRootCauseInstanceOf(InvalidSettingsException.class);

        assertThat(output).contains("""
                Tributary cannot start: 2 invalid settings

                  - ingest-storage.kafka.topic is empty: set the topic that all tenants write to
                  - ingest-storage.kafka.fetch-max-wait is 1s: allowed range is 5s..30s
                """)
                .contains("fix the settings above (flags, env, YAML or the settings file) and start again");
    }

    private static ConfigurableApplicationContext run(String... mimirArgs) {
        SpringApplication application = new SpringApplication(SettingsOnly.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
        return application.run(MimirArguments.translate(mimirArgs));
    }

    /** Only the settings: no Kafka, no web server, so the test proves binding and validation alone. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({IngestStorageProperties.class, DistributorProperties.class,
            ValidationProperties.class, TributaryProperties.class, BlocksStorageProperties.class})
    @Import({SecretConverter.class, ValidatedSettings.class})
    static class SettingsOnly {
    }
}
