package io.tributary.config.edit;

import java.util.List;

/**
 * One setting the console edits, described from the configuration metadata the build generates from the settings
 * classes' Javadoc and field initialisers, so the form cannot drift from what the application binds.
 *
 * @param key          the full key, as flags and the seed documents spell it
 * @param group        the form section it belongs to
 * @param type         the Java type it binds to (simple name: String, Duration, Boolean, an enum, Secret...)
 * @param javaType     the type's full name, to convert a submitted value with
 * @param defaultValue the default, rendered as the settings file would spell it ("" when none)
 * @param description  one sentence for the operator
 * @param choices      the allowed values of an enum or boolean setting, empty for free text
 * @param secret       write-only: never rendered, only "set" or "not set"
 * @param live         applied to the running Kafka clients without a restart; false means "at the next restart"
 * @param authSubsection for authentication keys, the mechanism and credential source they configure
 */
public record SettingDefinition(String key, SettingGroup group, String type, String javaType, String defaultValue, String description,
        List<String> choices, boolean secret, boolean live, SettingsCatalog.AuthSubsection authSubsection) {

    /** The key without its {@code ingest-storage.kafka.} prefix, as the flavor presets name settings. */
    public String shortKey() {
        return key.startsWith(SettingsCatalog.KAFKA_PREFIX) ? key.substring(SettingsCatalog.KAFKA_PREFIX.length()) : key;
    }

    /** The HTML form field name: the key with dots, which a browser sends back unchanged. */
    public String fieldId() {
        return key.replace('.', '_');
    }
}
