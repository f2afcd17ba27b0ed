package io.tributary.config.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSettingsStoreTest {

    @TempDir
    Path dataDir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T07:00:00Z"), ZoneOffset.UTC);

    @Test
    void versionsAreNumberedInOrderAndTheLatestIsInEffect() {
        FileSettingsStore store = new FileSettingsStore(dataDir, clock);
        assertThat(store.latest()).isEmpty();

        store.save(Map.of("ingest-storage.kafka.address", "kafka-1:9092"), "alice", "first");
        store.save(Map.of("ingest-storage.kafka.address", "kafka-2:9092"), "bob", "moved");

        assertThat(store.latest()).hasValueSatisfying(v -> {
            assertThat(v.number()).isEqualTo(2);
            assertThat(v.author()).isEqualTo("bob");
            assertThat(v.savedAt()).isEqualTo(Instant.parse("2026-11-22T07:00:00Z"));
            assertThat(v.values()).containsEntry("ingest-storage.kafka.address", "kafka-2:9092");
        });
        assertThat(store.history()).extracting(SettingsVersion::number).containsExactly(2, 1);
        assertThat(new FileSettingsStore(dataDir).version(1)).hasValueSatisfying(v -> assertThat(v.comment()).isEqualTo("first"));
    }

    @Test
    void aVersionIsReadableByTheOwnerOnlyAndNoTemporaryFileIsLeft() throws Exception {
        new FileSettingsStore(dataDir, clock).save(Map.of("ingest-storage.kafka.sasl-password", "hunter2-rotated"),
                "alice", "secret");

        Path folder = dataDir.resolve(FileSettingsStore.FOLDER);
        assertThat(Files.getPosixFilePermissions(folder.resolve("v000001.json")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (var files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("v000001.json");
        }
    }

    @Test
    void aVersionNeverPrintsItsValues() {
        SettingsVersion version = new FileSettingsStore(dataDir, clock)
                .save(Map.of("ingest-storage.kafka.sasl-password", "hunter2-rotated"), "alice", "secret");

        assertThat(version.toString()).doesNotContain("hunter2").contains("ingest-storage.kafka.sasl-password");
    }

    @Test
    void aDamagedVersionFileIsReportedWithItsPath() throws Exception {
        FileSettingsStore store = new FileSettingsStore(dataDir, clock);
        store.save(Map.of(), "alice", "empty");
        Files.writeString(dataDir.resolve(FileSettingsStore.FOLDER).resolve("v000001.json"), "{\"version\": 1, ");

        assertThatThrownBy(store::latest).hasMessageContaining("v000001.json").hasMessageContaining("fix or remove");
    }
}
