package io.tributary.config.edit;

/**
 * One setting as the form shows it: never a secret's value, only whether it is set.
 *
 * @param value  the current value as the settings file spells it; for a secret "" (see {@code secretSet})
 * @param origin where the value comes from and whether the console may change it
 */
public record SettingView(SettingDefinition definition, String value, boolean secretSet, SettingOrigin origin) {
}
