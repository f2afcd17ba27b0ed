package io.tributary.config.edit;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Finds which property source gives a setting its value, with Spring's relaxed names (so
 * {@code INGEST_STORAGE_KAFKA_ADDRESS} counts for {@code ingest-storage.kafka.address}), and whether that source
 * outranks the console's saved settings.
 */
public final class SettingOrigins {

    /** Spring's adapter over all the other sources; asking it would hide which source answered. */
    private static final String ATTACHED = "configurationProperties";

    private final ConfigurableEnvironment environment;

    public SettingOrigins(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    public SettingOrigin of(String key) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(key);
        List<PropertySource<?>> sources = sources();
        int consoleRank = consoleRank(sources);
        for (int i = 0; i < sources.size(); i++) {
            if (find(sources.get(i), name) != null) {
                return new SettingOrigin(label(sources.get(i)), i < consoleRank);
            }
        }
        return SettingOrigin.DEFAULT;
    }

    /** The value the setting would have if the console had saved nothing, {@code defaultValue} when no source sets it. */
    public String valueWithoutConsole(String key, String defaultValue) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(key);
        for (PropertySource<?> source : sources()) {
            if (source.getName().equals(SavedSettingsSource.NAME)) {
                continue;
            }
            ConfigurationProperty property = find(source, name);
            if (property != null) {
                return String.valueOf(property.getValue());
            }
        }
        return defaultValue;
    }

    private List<PropertySource<?>> sources() {
        List<PropertySource<?>> sources = new ArrayList<>();
        environment.getPropertySources().forEach(s -> {
            if (!s.getName().equals(ATTACHED)) {
                sources.add(s);
            }
        });
        return sources;
    }

    private static ConfigurationProperty find(PropertySource<?> source, ConfigurationPropertyName name) {
        ConfigurationPropertySource adapted = ConfigurationPropertySource.from(source);
        return adapted == null ? null : adapted.getConfigurationProperty(name);
    }

    /** Where the console's source is, or would be put: right after the environment variables. */
    private static int consoleRank(List<PropertySource<?>> sources) {
        int environmentAt = -1;
        for (int i = 0; i < sources.size(); i++) {
            String name = sources.get(i).getName();
            if (name.equals(SavedSettingsSource.NAME)) {
                return i;
            }
            if (name.equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
                environmentAt = i;
            }
        }
        return environmentAt >= 0 ? environmentAt + 1 : sources.size();
    }

    private static String label(PropertySource<?> source) {
        String name = source.getName();
        return switch (name) {
            case "commandLineArgs" -> "command line";
            case StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME -> "JVM system property";
            case StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME -> "environment variable";
            case SavedSettingsSource.NAME -> "console";
            default -> name.startsWith("Config resource") ? "configuration file " + fileOf(name) : name;
        };
    }

    /** "Config resource 'class path resource [application.yml]' via location ..." → "application.yml". */
    private static String fileOf(String sourceName) {
        int open = sourceName.indexOf('[');
        int close = sourceName.indexOf(']', open + 1);
        return open >= 0 && close > open ? sourceName.substring(open + 1, close) : sourceName;
    }
}
