package io.tributary.config.edit;

import io.tributary.config.BlocksStorageProperties;
import io.tributary.config.DistributorProperties;
import io.tributary.config.IngestStorageProperties;
import io.tributary.config.SecretConverter;
import io.tributary.config.SettingsValidator;
import io.tributary.config.SettingsViolation;
import io.tributary.config.TributaryProperties;
import io.tributary.config.ValidationProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Settings as they would be with the console's values replaced by a candidate set: bound exactly as at startup
 * (same sources, same precedence, same converters) and checked by the same {@link SettingsValidator}, so what
 * the form accepts is what the application would start with. Every problem is reported at once: first each value
 * on its own (a duration that is not one), then the rules that relate settings to each other.
 */
public final class CandidateSettings {

    private final IngestStorageProperties ingestStorage;
    private final Map<String, List<String>> errors;

    private CandidateSettings(IngestStorageProperties ingestStorage, Map<String, List<String>> errors) {
        this.ingestStorage = ingestStorage;
        this.errors = errors;
    }

    /**
     * @param environment the running application's environment (not modified)
     * @param consoleValues the complete set of values the console would save
     */
    public static CandidateSettings check(ConfigurableEnvironment environment, SettingsCatalog catalog,
            Map<String, String> consoleValues) {
        ApplicationConversionService conversion = new ApplicationConversionService();
        conversion.addConverter(new SecretConverter());
        Map<String, List<String>> errors = new LinkedHashMap<>();
        consoleValues.forEach((key, value) -> catalog.find(key).ifPresent(definition -> {
            String problem = convertOne(definition, value, conversion);
            if (problem != null) {
                errors.computeIfAbsent(key, k -> new ArrayList<>()).add(problem);
            }
        }));
        // Values that do not convert are left out of the whole-settings pass, so its rules still report the rest.
        Map<String, String> convertible = new LinkedHashMap<>(consoleValues);
        convertible.keySet().removeAll(errors.keySet());
        Binder binder = new Binder(ConfigurationPropertySources.from(withConsoleValues(environment, convertible)),
                null, conversion);
        try {
            IngestStorageProperties ingestStorage = bind(binder, "ingest-storage", IngestStorageProperties.class);
            List<SettingsViolation> violations = new SettingsValidator().validate(ingestStorage,
                    bind(binder, "distributor", DistributorProperties.class),
                    bind(binder, "validation", ValidationProperties.class),
                    bind(binder, "tributary", TributaryProperties.class),
                    bind(binder, "blocks-storage", BlocksStorageProperties.class));
            for (SettingsViolation v : violations) {
                if (!errors.containsKey(v.key()) || !consoleValues.containsKey(v.key())) {
                    errors.computeIfAbsent(v.key(), k -> new ArrayList<>()).add(v.message());
                }
            }
            return new CandidateSettings(ingestStorage, errors);
        } catch (BindException e) {
            String key = e.getProperty() != null ? e.getProperty().getName().toString() : "settings";
            errors.computeIfAbsent(key, k -> new ArrayList<>()).add(rootMessage(e));
            return new CandidateSettings(null, errors);
        }
    }

    private static String convertOne(SettingDefinition definition, String value, ApplicationConversionService conversion) {
        try {
            Class<?> type = Class.forName(definition.javaType(), false, CandidateSettings.class.getClassLoader());
            new Binder(List.of(new MapConfigurationPropertySource(Map.of(definition.key(), value))), null, conversion)
                    .bind(definition.key(), Bindable.of(type));
            return null;
        } catch (ClassNotFoundException e) {
            return null;
        } catch (BindException e) {
            String shown = definition.secret() ? "(secret)" : "'" + value + "'";
            return definition.key() + " = " + shown + " is not a valid " + definition.type() + ": " + rootMessage(e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static <T> T bind(Binder binder, String prefix, Class<T> type) {
        return binder.bindOrCreate(prefix, Bindable.of(type));
    }

    private static MutablePropertySources withConsoleValues(ConfigurableEnvironment environment,
            Map<String, String> consoleValues) {
        MutablePropertySources copy = new MutablePropertySources();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!source.getName().equals("configurationProperties")) {
                copy.addLast(source);
            }
        }
        SavedSettingsSource.install(copy, consoleValues);
        return copy;
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** Key → messages; keys outside the form (rules spanning other settings) are included too. */
    public Map<String, List<String>> errors() {
        return errors;
    }

    /** The bound {@code ingest-storage} settings; only when {@link #valid()}. */
    public IngestStorageProperties ingestStorage() {
        if (!valid()) {
            throw new IllegalStateException("invalid candidate settings: " + errors.keySet());
        }
        return ingestStorage;
    }
}
