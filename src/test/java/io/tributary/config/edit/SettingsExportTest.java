package io.tributary.config.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsExportTest {

    private final SettingsCatalog catalog = SettingsCatalog.load();

    private SettingsExport.Entry entry(String key, String value) {
        return new SettingsExport.Entry(catalog.find(key).orElseThrow(), value);
    }

    private final List<SettingsExport.Entry> entries = List.of(
            entry("ingest-storage.kafka.address", "kafka-1.eu:9092,kafka-2.eu:9092"),
            entry("ingest-storage.kafka.dial-timeout", "2s"),
            entry("ingest-storage.kafka.sasl-username", "ingest user"),
            entry("ingest-storage.kafka.sasl-password", "hunter2-rotated"),
            entry("ingest-storage.kafka.sasl-oauthbearer-token", ""),
            entry("ingest-storage.kafka.write-timeout", "15s"),
            entry(SettingsCatalog.FLAVOR_KEY, "warpstream"));

    @Test
    void flagsCarryWhatDiffersFromTheDefaultsWithSecretsReplaced() {
        assertThat(SettingsExport.mimirFlags(entries)).isEqualTo("""
                -ingest-storage.kafka.address=kafka-1.eu:9092,kafka-2.eu:9092
                -ingest-storage.kafka.sasl-username='ingest user'
                -ingest-storage.kafka.sasl-password='<secret>'
                -ingest-storage.kafka.write-timeout=15s
                """);
    }

    @Test
    void yamlIsMimirsIngestStorageBlock() {
        assertThat(SettingsExport.mimirYaml(entries)).isEqualTo("""
                ingest_storage:
                  enabled: true
                  kafka:
                    address: "kafka-1.eu:9092,kafka-2.eu:9092"
                    sasl_username: "ingest user"
                    sasl_password: "<secret>"
                    write_timeout: 15s
                """);
    }
}
