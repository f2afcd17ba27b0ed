package io.tributary.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Translates Mimir's Go-style command line into Spring Boot's, so a Mimir invocation carries over unchanged:
 * {@code -ingest-storage.kafka.topic=metrics} and {@code -ingest-storage.kafka.topic metrics} become
 * {@code --ingest-storage.kafka.topic=metrics}, a bare boolean {@code -ingest-storage.kafka.tls-enabled} becomes
 * {@code --ingest-storage.kafka.tls-enabled=true}, and {@code -config.file=mimir.yaml} imports that YAML file,
 * whose underscore keys Spring's relaxed binding maps onto the kebab settings.
 */
public final class MimirArguments {

    /** Numbers may follow a flag as its value even though they start with '-' (e.g. partitions -1). */
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private MimirArguments() {
    }

    /** Spring Boot's form of the arguments; {@code --} options, plain arguments and everything after "--" are kept. */
    public static String[] translate(String[] args) {
        List<String> out = new ArrayList<>(args.length);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                // Go's flag package stops parsing here as well; what follows is not ours to rewrite.
                for (int j = i; j < args.length; j++) {
                    out.add(args[j]);
                }
                break;
            }
            if (!arg.startsWith("-") || arg.startsWith("--") || arg.length() == 1) {
                out.add(arg);
                continue;
            }
            String flag = arg.substring(1);
            String name;
            String value;
            int equals = flag.indexOf('=');
            if (equals >= 0) {
                name = flag.substring(0, equals);
                value = flag.substring(equals + 1);
            } else if (i + 1 < args.length && isValue(args[i + 1])) {
                name = flag;
                value = args[++i];
            } else {
                // Go treats a bare flag as a boolean set to true.
                name = flag;
                value = "true";
            }
            out.add(option(name, value));
        }
        return out.toArray(String[]::new);
    }

    private static boolean isValue(String next) {
        return !next.startsWith("-") || NUMBER.matcher(next).matches();
    }

    private static String option(String name, String value) {
        if (name.equals("config.file")) {
            return "--spring.config.import=" + configImport(value);
        }
        return "--" + name + "=" + value;
    }

    /**
     * Not "optional:": Mimir refuses to start when -config.file is missing, and silently running on defaults
     * would be worse. A file without a .yaml/.yml extension gets Spring's extension hint so it is still read as YAML.
     */
    private static String configImport(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml");
        return "file:" + path + (yaml ? "" : "[.yaml]");
    }
}
