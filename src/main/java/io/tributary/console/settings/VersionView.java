package io.tributary.console.settings;

import io.tributary.config.edit.SettingChange;
import io.tributary.config.edit.SettingsVersion;
import java.time.Instant;
import java.util.List;

/** One row of the settings history: who saved which version when, and what it changed; never the values. */
public record VersionView(int number, String author, Instant savedAt, String comment, List<SettingChange> changes) {

    static VersionView of(SettingsVersion version, List<SettingChange> changes) {
        return new VersionView(version.number(), version.author(),
                version.savedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), version.comment(), changes);
    }
}
