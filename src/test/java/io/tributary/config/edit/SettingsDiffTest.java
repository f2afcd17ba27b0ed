package io.tributary.config.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsDiffTest {

    private final SettingsCatalog catalog = SettingsCatalog.load();

    @Test
    void plainValuesShowBeforeAndAfterWhileSecretsShowOnlyThatTheyChanged() {
        var changes = SettingsDiff.between(
                Map.of("ingest-storage.kafka.address", "kafka-1:9092", "ingest-storage.kafka.sasl-password", "old-s3cret"),
                Map.of("ingest-storage.kafka.address", "kafka-2:9092", "ingest-storage.kafka.sasl-password", "new-s3cret",
                        "ingest-storage.kafka.client-id", "ingest-eu"), catalog);

        assertThat(changes).containsExactly(
                new SettingChange("ingest-storage.kafka.address", "kafka-1:9092", "kafka-2:9092", false, false),
                new SettingChange("ingest-storage.kafka.client-id", "(not saved)", "ingest-eu", false, false),
                new SettingChange("ingest-storage.kafka.sasl-password", "set", "set", true, true));
        assertThat(changes.toString()).doesNotContain("s3cret");
    }

    @Test
    void unchangedValuesAreNotListed() {
        Map<String, String> same = Map.of("ingest-storage.kafka.sasl-password", "s3cret");
        assertThat(SettingsDiff.between(same, same, catalog)).isEmpty();
    }
}
