package io.tributary.config.edit;

import java.util.List;

import java.util.regex.Pattern;

/**
 * The effective Kafka settings as a Mimir operator would carry them over: command-line flags and the
 * {@code ingest_storage.kafka} block of Mimir's YAML. Only values that differ from the default are written, and
 * secrets are written as a placeholder: an export is meant to be pasted into tickets and repositories.
 */
public final class SettingsExport {

    /** What stands in for a secret that is set. */
    public static final String SECRET_PLACEHOLDER = "<secret>";

    private static final Pattern PLAIN_YAML = Pattern.compile("-?\\d+(\\.\\d+)?|true|false|[0-9]+(ms|s|m|h)");
    private static final Pattern PLAIN_FLAG = Pattern.compile("[A-Za-z0-9_./:,@=+-]*");

    private SettingsExport() {
    }

    /** One effective value: the definition and the value as the settings file spells it. */
    public record Entry(SettingDefinition definition, String value) {
    }

    public static String mimirFlags(List<Entry> entries) {
        StringBuilder out = new StringBuilder();
        for (Entry e : exported(entries)) {
            String value = shown(e);
            out.append('-').append(e.definition().key()).append('=')
                    .append(PLAIN_FLAG.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'")
                    .append('\n');
        }
        return out.toString();
    }

    public static String mimirYaml(List<Entry> entries) {
        StringBuilder out = new StringBuilder("ingest_storage:\n  enabled: true\n  kafka:\n");
        for (Entry e : exported(entries)) {
            String value = shown(e);
            out.append("    ").append(e.definition().shortKey().replace('-', '_')).append(": ")
                    .append(PLAIN_YAML.matcher(value).matches() ? value : quoted(value)).append('\n');
        }
        return out.toString();
    }

    /** Mimir knows only the ingest-storage keys; Tributary's own (the flavor) stays out. */
    private static List<Entry> exported(List<Entry> entries) {
        return entries.stream()
                .filter(e -> e.definition().key().startsWith(SettingsCatalog.KAFKA_PREFIX))
                .filter(e -> !e.value().equals(e.definition().defaultValue()))
                .filter(e -> !(e.definition().secret() && e.value().isEmpty()))
                .toList();
    }

    private static String shown(Entry e) {
        return e.definition().secret() ? SECRET_PLACEHOLDER : e.value();
    }

    private static String quoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

}
