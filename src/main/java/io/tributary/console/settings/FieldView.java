package io.tributary.console.settings;

import io.tributary.config.edit.SettingView;
import java.util.List;

/**
 * One form field as the template renders it: the setting, the value to put in the input (what was typed when
 * the form comes back with errors; never a secret) and the errors that belong next to it.
 */
public record FieldView(SettingView setting, String shownValue, List<String> errors) {

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
