package io.tributary.config.edit;

/**
 * Where a setting's current value comes from, as the console shows it.
 *
 * @param label  for the operator: "command line", "environment variable", "console (version 3)", "default"...
 * @param locked true when the value comes from a source that overrides the console's (command line, environment,
 *               JVM system property), so saving it from the console would have no effect
 */
public record SettingOrigin(String label, boolean locked) {

    public static final SettingOrigin DEFAULT = new SettingOrigin("default", false);
}
