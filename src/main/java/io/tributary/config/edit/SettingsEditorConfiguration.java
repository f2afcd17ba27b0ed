package io.tributary.config.edit;

import io.tributary.config.ValidatedSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/** The console's settings editor: the catalog from the build's metadata and the versions in the data directory. */
@Configuration(proxyBeanMethods = false)
public class SettingsEditorConfiguration {

    @Bean
    SettingsCatalog settingsCatalog() {
        return SettingsCatalog.load();
    }

    @Bean
    SettingsStore settingsStore(ValidatedSettings settings) {
        return new FileSettingsStore(settings.tributary().getDataDir());
    }

    @Bean
    SettingsEditor settingsEditor(ConfigurableEnvironment environment, SettingsCatalog catalog, SettingsStore store) {
        return new SettingsEditor(environment, catalog, store);
    }
}
