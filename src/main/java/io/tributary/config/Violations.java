package io.tributary.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Collects violations while the rule groups run, and holds the checks several groups share, so every message of
 * one kind reads the same wherever it comes from.
 */
final class Violations {

    /** Prefix of every Kafka setting; messages always name the full key so it can be pasted into a flag. */
    static final String KAFKA = "ingest-storage.kafka.";

    private final List<SettingsViolation> found = new ArrayList<>();

    void add(String key, Object value, String message) {
        found.add(new SettingsViolation(key, render(value), message));
    }

    List<SettingsViolation> toList() {
        return List.copyOf(found);
    }

    void positive(String key, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            add(key, value, key + " is " + shown(value) + ": must be greater than 0, e.g. 10s");
        }
    }

    void notNegative(String key, Duration value, String zeroMeans) {
        if (value == null || value.isNegative()) {
            add(key, value, key + " is " + shown(value) + ": must be 0 (" + zeroMeans + ") or greater");
        }
    }

    void positive(String key, long value) {
        if (value <= 0) {
            add(key, value, key + " is " + value + ": must be greater than 0");
        }
    }

    /**
     * A configured file must be there when we start: Kafka would otherwise fail on first connect, far from the
     * setting that caused it, and for credential files only at the first (re)authentication.
     */
    void readableFile(String key, String path) {
        if (!isSet(path)) {
            return;
        }
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException e) {
            add(key, path, key + " is " + path + ": not a valid path (" + e.getReason() + ")");
            return;
        }
        if (!Files.exists(file)) {
            add(key, path, key + " is " + path + ": no such file; set the path of an existing, readable file");
        } else if (Files.isDirectory(file)) {
            add(key, path, key + " is " + path + ": it is a directory; set the path of a file");
        } else if (!Files.isReadable(file)) {
            add(key, path, key + " is " + path + ": the file is not readable by this process; fix its permissions");
        }
    }

    static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    static boolean isSet(Secret value) {
        return value != null && value.isSet();
    }

    /** The value as it appears in messages: "empty" for nothing, so a sentence never ends in a blank. */
    static String shown(Object value) {
        String rendered = render(value);
        return rendered.isEmpty() ? "empty" : rendered;
    }

    /**
     * Renders values the way operators write them (Go/Mimir durations such as {@code 10s}, kebab enum names),
     * and secrets only through {@link Secret#toString()}, which masks them.
     */
    static String render(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Duration duration) {
            return duration(duration);
        }
        if (value instanceof Double number && number == Math.rint(number) && !number.isInfinite()) {
            return Long.toString(number.longValue()); // 0, not Java's 0.0: the way the operator wrote it
        }
        if (value instanceof SaslMechanism mechanism) {
            return mechanism.kafkaName();
        }
        if (value instanceof Enum<?> constant) {
            return kebab(constant);
        }
        return value.toString();
    }

    /** Kebab spelling of an enum constant, as flags spell it ({@code LAST_OFFSET} → {@code last-offset}). */
    static String kebab(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String duration(Duration duration) {
        if (duration.isNegative()) {
            return "-" + duration(duration.negated());
        }
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        long[] sizes = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};
        String[] units = {"h", "m", "s", "ms", "us", "ns"};
        for (int i = 0; i < sizes.length; i++) {
            if (nanos % sizes[i] == 0) {
                return nanos / sizes[i] + units[i];
            }
        }
        return nanos + "ns";
    }
}
