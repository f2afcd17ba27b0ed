package io.tributary.config.edit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * What the console's settings form edits: the current values with their origins, a candidate built from a
 * submitted form (locked keys ignored, a blank secret kept, values equal to what the files give not pinned),
 * validation, saving a version, rollback, diff and export. Saving installs the values into the environment; making
 * the running clients use them is the {@code SettingsApplier}'s job.
 */
public final class SettingsEditor {

    private final ConfigurableEnvironment environment;
    private final SettingsCatalog catalog;
    private final SettingsStore store;
    private final SettingOrigins origins;

    public SettingsEditor(ConfigurableEnvironment environment, SettingsCatalog catalog, SettingsStore store) {
        this.environment = environment;
        this.catalog = catalog;
        this.store = store;
        this.origins = new SettingOrigins(environment);
    }

    public SettingsCatalog catalog() {
        return catalog;
    }

    public List<SettingView> current() {
        List<SettingView> out = new ArrayList<>();
        for (SettingDefinition d : catalog.all()) {
            String value = effective(d);
            out.add(d.secret() ? new SettingView(d, "", !value.isEmpty(), origins.of(d.key()))
                    : new SettingView(d, value, false, origins.of(d.key())));
        }
        return out;
    }

    /** Effective values of every catalog key, for export and for comparing with the running clients. */
    public List<SettingsExport.Entry> effectiveEntries() {
        return catalog.all().stream().map(d -> new SettingsExport.Entry(d, effective(d))).toList();
    }

    /** The value a catalog key has now, as the settings file spells it; the default when nothing sets it. */
    public String effective(String key) {
        return catalog.find(key).map(this::effective).orElseThrow(() -> new IllegalArgumentException(key));
    }

    private String effective(SettingDefinition d) {
        String value = environment.getProperty(d.key());
        return value == null ? d.defaultValue() : SettingsCatalog.canonical(value, d.choices());
    }

    /** The console values now in effect (those of the latest version, as installed at startup or by an apply). */
    public Map<String, String> consoleValues() {
        return SavedSettingsSource.installed(environment);
    }

    /**
     * The console values a submitted form asks for.
     *
     * @param submitted    key → value as typed; keys absent from the form keep their value
     * @param clearSecrets secret keys the operator asked to unset
     */
    public Map<String, String> candidate(Map<String, String> submitted, Set<String> clearSecrets) {
        Map<String, String> values = new LinkedHashMap<>(consoleValues());
        for (SettingDefinition d : catalog.all()) {
            if (origins.of(d.key()).locked()) {
                continue;
            }
            String typed = submitted.get(d.key());
            if (d.secret()) {
                if (clearSecrets.contains(d.key())) {
                    values.put(d.key(), "");
                } else if (typed != null && !typed.isEmpty()) {
                    values.put(d.key(), typed);
                }
                continue;
            }
            if (typed == null) {
                continue;
            }
            String trimmed = typed.strip();
            String below = SettingsCatalog.canonical(origins.valueWithoutConsole(d.key(), d.defaultValue()), d.choices());
            if (trimmed.equals(below)) {
                values.remove(d.key());
            } else {
                values.put(d.key(), trimmed);
            }
        }
        return values;
    }

    public CandidateSettings check(Map<String, String> consoleValues) {
        return CandidateSettings.check(environment, catalog, consoleValues);
    }

    /** Stores the values as a new version and puts them into the environment. */
    public SettingsVersion save(Map<String, String> consoleValues, String author, String comment) {
        SettingsVersion version = store.save(consoleValues, author, comment);
        SavedSettingsSource.install(environment, version.values());
        return version;
    }

    public List<SettingsVersion> history() {
        return store.history();
    }

    public Optional<SettingsVersion> version(int number) {
        return store.version(number);
    }

    /** What a version changed compared with the one before it. */
    public List<SettingChange> changesOf(SettingsVersion version) {
        Map<String, String> before = store.version(version.number() - 1).map(SettingsVersion::values).orElse(Map.of());
        return SettingsDiff.between(before, version.values(), catalog);
    }

    /** What saving {@code candidate} would change compared with the values in effect. */
    public List<SettingChange> changesTo(Map<String, String> candidate) {
        return SettingsDiff.between(consoleValues(), candidate, catalog);
    }
}
