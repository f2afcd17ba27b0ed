package io.tributary.config.edit;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * Puts the settings last saved from the console into the environment, between the operator's own command line and
 * environment variables (which win, and which the console therefore shows locked) and the configuration files
 * (which they override). Runs after the configuration files are read, so {@code tributary.data-dir} is known.
 */
public final class SavedSettingsSource implements EnvironmentPostProcessor, Ordered {

    /** The property source's name in the environment. */
    public static final String NAME = "consoleSettings";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Path dataDir = Path.of(environment.getProperty("tributary.data-dir", "data"));
        new FileSettingsStore(dataDir).latest().ifPresent(v -> install(environment, v.values()));
    }

    /** Installs or replaces the console's values; an empty map removes them. */
    public static void install(ConfigurableEnvironment environment, Map<String, String> values) {
        install(environment.getPropertySources(), values);
    }

    static void install(MutablePropertySources sources, Map<String, String> values) {
        if (values.isEmpty()) {
            sources.remove(NAME);
            return;
        }
        // A new object each time: Spring's configuration-property adapters cache what a source held.
        MapPropertySource source = new MapPropertySource(NAME, new LinkedHashMap<>(values));
        if (sources.contains(NAME)) {
            sources.replace(NAME, source);
        } else if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
        } else {
            sources.addLast(source);
        }
    }

    /** The values currently installed. */
    public static Map<String, String> installed(ConfigurableEnvironment environment) {
        Map<String, String> out = new LinkedHashMap<>();
        Optional.ofNullable(environment.getPropertySources().get(NAME)).ifPresent(s -> {
            for (String name : ((MapPropertySource) s).getPropertyNames()) {
                out.put(name, String.valueOf(s.getProperty(name)));
            }
        });
        return out;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
