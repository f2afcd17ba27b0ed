package io.tributary.config.edit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SettingsCatalogTest {

    private final SettingsCatalog catalog = SettingsCatalog.load();

    @Test
    void everyKafkaSettingAndTheFlavorAreInTheFormAndNothingElse() {
        assertThat(catalog.all()).extracting(SettingDefinition::key)
                .contains("ingest-storage.kafka.address", "ingest-storage.kafka.sasl-msk-iam-http-socket-path",
                        "ingest-storage.kafka.tls-cipher-suites", "ingest-storage.kafka.auto-create-topic-enabled",
                        SettingsCatalog.FLAVOR_KEY)
                .allMatch(k -> k.startsWith(SettingsCatalog.KAFKA_PREFIX) || k.equals(SettingsCatalog.FLAVOR_KEY));
    }

    @Test
    void settingsFallIntoTheSectionsTheIssueNames() {
        assertThat(catalog.find("ingest-storage.kafka.consume-endpoint")).hasValueSatisfying(
                d -> assertThat(d.group()).isEqualTo(SettingGroup.CONNECTION));
        assertThat(catalog.find("ingest-storage.kafka.sasl-oauthbearer-file-path")).hasValueSatisfying(
                d -> assertThat(d.group()).isEqualTo(SettingGroup.AUTHENTICATION));
        assertThat(catalog.find("ingest-storage.kafka.tls-server-name")).hasValueSatisfying(
                d -> assertThat(d.group()).isEqualTo(SettingGroup.TLS));
        assertThat(catalog.find("ingest-storage.kafka.write-timeout")).hasValueSatisfying(
                d -> assertThat(d.group()).isEqualTo(SettingGroup.PRODUCER));
        assertThat(catalog.find("ingest-storage.kafka.fetch-max-wait")).hasValueSatisfying(
                d -> assertThat(d.group()).isEqualTo(SettingGroup.CONSUMER));
        assertThat(catalog.find("ingest-storage.kafka.auto-create-topic-default-partitions")).hasValueSatisfying(
                d -> assertThat(d.group()).isEqualTo(SettingGroup.TOPIC));
    }

    @Test
    void secretsDefaultsAndChoicesComeFromTheSettingsClasses() {
        assertThat(catalog.find("ingest-storage.kafka.sasl-password")).hasValueSatisfying(d -> assertThat(d.secret()).isTrue());
        assertThat(catalog.find("ingest-storage.kafka.sasl-username")).hasValueSatisfying(d -> assertThat(d.secret()).isFalse());
        assertThat(catalog.find("ingest-storage.kafka.dial-timeout")).hasValueSatisfying(
                d -> assertThat(d.defaultValue()).isEqualTo("2s"));
        assertThat(catalog.find("ingest-storage.kafka.sasl-mechanism")).hasValueSatisfying(d -> {
            assertThat(d.choices()).containsExactly("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER", "AWS_MSK_IAM");
            assertThat(d.defaultValue()).isEqualTo("PLAIN");
        });
        assertThat(catalog.find("ingest-storage.kafka.consumer-group")).hasValueSatisfying(
                d -> assertThat(d.description()).doesNotContain("{@code"));
    }

    @Test
    void clientSettingsApplyLiveWhileStartupSettingsWaitForARestart() {
        assertThat(catalog.find("ingest-storage.kafka.sasl-password")).hasValueSatisfying(d -> assertThat(d.live()).isTrue());
        assertThat(catalog.find("ingest-storage.kafka.address")).hasValueSatisfying(d -> assertThat(d.live()).isTrue());
        assertThat(catalog.find("ingest-storage.kafka.topic")).hasValueSatisfying(d -> assertThat(d.live()).isFalse());
        assertThat(catalog.find("ingest-storage.kafka.fetch-concurrency-max"))
                .hasValueSatisfying(d -> assertThat(d.live()).isTrue());
        assertThat(catalog.find("ingest-storage.kafka.max-buffered-bytes"))
                .hasValueSatisfying(d -> assertThat(d.live()).isTrue());
        assertThat(catalog.find("ingest-storage.kafka.consume-from-position-at-startup"))
                .hasValueSatisfying(d -> assertThat(d.live()).isFalse());
    }

    @Test
    void authenticationKeysAreGroupedByMechanismAndCredentialSource() {
        assertThat(catalog.group(SettingGroup.AUTHENTICATION).stream().map(d -> d.authSubsection().title()).distinct())
                .containsExactly("", "PLAIN and SCRAM", "OAUTHBEARER: static credentials",
                        "OAUTHBEARER: JSON file, read at every authentication",
                        "OAUTHBEARER: Unix-socket helper, asked at every authentication", "AWS_MSK_IAM",
                        "AWS_MSK_IAM: static credentials", "AWS_MSK_IAM: JSON file, read at every authentication",
                        "AWS_MSK_IAM: Unix-socket helper, asked at every authentication");
        assertThat(catalog.group(SettingGroup.AUTHENTICATION)).first()
                .satisfies(d -> assertThat(d.key()).isEqualTo("ingest-storage.kafka.sasl-mechanism"));
        assertThat(catalog.find("ingest-storage.kafka.sasl-password")).hasValueSatisfying(d -> assertThat(d.authSubsection())
                .isEqualTo(new SettingsCatalog.AuthSubsection("PLAIN and SCRAM", "PLAIN SCRAM-SHA-256 SCRAM-SHA-512")));
        assertThat(catalog.find("ingest-storage.kafka.sasl-oauthbearer-http-socket-timeout")).hasValueSatisfying(
                d -> assertThat(d.authSubsection().title()).isEqualTo("OAUTHBEARER: Unix-socket helper, asked at every authentication"));
        assertThat(catalog.find("ingest-storage.kafka.sasl-msk-iam-session-token")).hasValueSatisfying(
                d -> assertThat(d.authSubsection()).isEqualTo(
                        new SettingsCatalog.AuthSubsection("AWS_MSK_IAM: static credentials", "AWS_MSK_IAM")));
    }
}
