package io.tributary.config.edit;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where the settings saved from the console live, with every earlier version kept for diff and rollback. */
public interface SettingsStore {

    /** The version in effect, or empty when the console never saved any. */
    Optional<SettingsVersion> latest();

    /** Every version, newest first. */
    List<SettingsVersion> history();

    Optional<SettingsVersion> version(int number);

    /** Stores the values as the next version and returns it. */
    SettingsVersion save(Map<String, String> values, String author, String comment);
}
