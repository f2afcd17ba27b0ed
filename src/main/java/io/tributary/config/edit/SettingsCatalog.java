package io.tributary.config.edit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import io.tributary.config.SaslMechanism;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The settings the console edits: every {@code ingest-storage.kafka.*} key plus {@code tributary.kafka-flavor},
 * read from {@code META-INF/spring-configuration-metadata.json}, which the build derives from the settings classes.
 * Which section a key belongs to and whether it can be applied to running clients are decided here, by name.
 */
public final class SettingsCatalog {

    public static final String KAFKA_PREFIX = "ingest-storage.kafka.";
    public static final String FLAVOR_KEY = "tributary.kafka-flavor";

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    /**
     * Keys read once when the component they configure starts (topic and consumer group identity, start
     * position, startup gate, record format, reader loop timings), or not read at all yet: saved, they take effect
     * at the next restart. Every other key only shapes the Kafka clients, which are rebuilt on apply; the readers'
     * fetch settings (fetch-concurrency-max, use-compressed-bytes-as-fetch-max-bytes, max-buffered-bytes) are read
     * again when an apply reconnects them.
     */
    private static final Set<String> AT_RESTART = Set.of("topic", "consumer-group", "consume-from-position-at-startup",
            "consume-from-timestamp-at-startup", "target-consumer-lag-at-startup", "max-consumer-lag-at-startup",
            "consumer-group-offset-commit-interval", "consumer-group-offset-commit-file-enforced",
            "auto-create-topic-enabled", "auto-create-topic-default-partitions", "producer-record-version",
            "producer-max-record-size-bytes", "last-produced-offset-poll-interval", "last-produced-offset-retry-timeout",
            "wait-strong-read-consistency-timeout", "ingestion-concurrency-max", "ingestion-concurrency-batch-size",
            "ingestion-concurrency-queue-capacity", "ingestion-concurrency-target-flushes-per-shard",
            "ingestion-concurrency-estimated-bytes-per-sample", "write-clients");

    private final Map<String, SettingDefinition> byKey;

    private SettingsCatalog(Map<String, SettingDefinition> byKey) {
        this.byKey = Collections.unmodifiableMap(byKey);
    }

    /** Reads the metadata from the class path; fails when the build did not generate it. */
    public static SettingsCatalog load() {
        ClassLoader loader = SettingsCatalog.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(METADATA)) {
            if (in == null) {
                throw new IllegalStateException(METADATA + " is missing: the configuration processor did not run");
            }
            return parse(JsonMapper.builder().build().readTree(in), loader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + METADATA, e);
        }
    }

    private static SettingsCatalog parse(JsonNode metadata, ClassLoader loader) {
        List<SettingDefinition> found = new ArrayList<>();
        for (JsonNode property : metadata.path("properties")) {
            String key = property.path("name").asString();
            if (!key.startsWith(KAFKA_PREFIX) && !key.equals(FLAVOR_KEY)) {
                continue;
            }
            String type = property.path("type").asString();
            String simpleType = type.substring(type.lastIndexOf('.') + 1);
            List<String> choices = choicesOf(type, loader);
            found.add(new SettingDefinition(key, groupOf(key), simpleType, type,
                    canonical(defaultOf(property.get("defaultValue")), choices),
                    plain(property.path("description").asString("")), choices,
                    simpleType.equals("Secret"), live(key), authSubsectionOf(key)));
        }
        // Stable: by section, then (within Authentication) by subsection, keeping the metadata's order inside each.
        found.sort(java.util.Comparator.comparing(SettingDefinition::group)
                .thenComparingInt(d -> authRank(d.authSubsection())));
        Map<String, SettingDefinition> byKey = new LinkedHashMap<>();
        found.forEach(d -> byKey.put(d.key(), d));
        return new SettingsCatalog(byKey);
    }

    public List<SettingDefinition> all() {
        return List.copyOf(byKey.values());
    }

    public Optional<SettingDefinition> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** The settings of one form section, in metadata order. */
    public List<SettingDefinition> group(SettingGroup group) {
        return byKey.values().stream().filter(d -> d.group() == group).toList();
    }

    /**
     * Within Authentication, which mechanism and credential source a key belongs to, as the form's subsection
     * title; empty for keys every mechanism uses.
     */
    static AuthSubsection authSubsectionOf(String key) {
        String k = key.startsWith(KAFKA_PREFIX) ? key.substring(KAFKA_PREFIX.length()) : key;
        if (k.equals("sasl-username") || k.equals("sasl-password")) {
            return new AuthSubsection("PLAIN and SCRAM", "PLAIN SCRAM-SHA-256 SCRAM-SHA-512");
        }
        if (k.startsWith("sasl-oauthbearer-")) {
            return new AuthSubsection("OAUTHBEARER: " + source(k.substring("sasl-oauthbearer-".length())), "OAUTHBEARER");
        }
        if (k.startsWith("sasl-msk-iam-")) {
            String rest = k.substring("sasl-msk-iam-".length());
            return new AuthSubsection(rest.equals("user-agent") ? "AWS_MSK_IAM" : "AWS_MSK_IAM: " + source(rest),
                    "AWS_MSK_IAM");
        }
        return AuthSubsection.NONE;
    }

    /** Subsections in the order a reader expects: mechanism by mechanism, static credentials before file and socket. */
    private static int authRank(AuthSubsection subsection) {
        String t = subsection.title();
        int mechanism = t.isEmpty() ? 0 : t.startsWith("PLAIN") ? 1 : t.startsWith("OAUTHBEARER") ? 2 : 3;
        int source = t.contains("static") ? 1 : t.contains("file") ? 2 : t.contains("socket") ? 3 : 0;
        return mechanism * 4 + source;
    }

    /** The credential source a mechanism-specific key configures: static values, a file, or a socket helper. */
    private static String source(String rest) {
        if (rest.startsWith("file-")) {
            return "JSON file, read at every authentication";
        }
        if (rest.startsWith("http-socket-")) {
            return "Unix-socket helper, asked at every authentication";
        }
        return "static credentials";
    }

    /**
     * A subsection of the Authentication form.
     *
     * @param title      what the form shows above its fields
     * @param mechanisms the {@code sasl-mechanism} values it applies to, space-separated; empty for all
     */
    public record AuthSubsection(String title, String mechanisms) {
        static final AuthSubsection NONE = new AuthSubsection("", "");
    }

    static SettingGroup groupOf(String key) {
        if (key.equals(FLAVOR_KEY)) {
            return SettingGroup.CONNECTION;
        }
        String k = key.substring(KAFKA_PREFIX.length());
        if (k.startsWith("sasl-")) {
            return SettingGroup.AUTHENTICATION;
        }
        if (k.startsWith("tls-")) {
            return SettingGroup.TLS;
        }
        if (k.startsWith("producer-") || k.startsWith("write-")) {
            return SettingGroup.PRODUCER;
        }
        if (k.startsWith("auto-create-topic-")) {
            return SettingGroup.TOPIC;
        }
        if (k.startsWith("consume") || k.startsWith("fetch-") || k.startsWith("ingestion-") || k.contains("lag-at-startup")
                || k.startsWith("last-produced-") || k.startsWith("wait-strong-") || k.equals("max-buffered-bytes")
                || k.equals("use-compressed-bytes-as-fetch-max-bytes")) {
            return k.equals("consume-endpoint") ? SettingGroup.CONNECTION : SettingGroup.CONSUMER;
        }
        return SettingGroup.CONNECTION;
    }

    private static boolean live(String key) {
        return key.equals(FLAVOR_KEY) || !AT_RESTART.contains(key.substring(KAFKA_PREFIX.length()));
    }

    private static String defaultOf(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        return value.isBoolean() ? String.valueOf(value.asBoolean()) : value.asString();
    }

    /** The choice a value means, as the form spells it ({@code plain} → {@code PLAIN}); the value when none. */
    static String canonical(String value, List<String> choices) {
        String wanted = value.replace('_', '-');
        return choices.stream().filter(c -> c.replace('_', '-').equalsIgnoreCase(wanted)).findFirst().orElse(value);
    }

    /** Javadoc inline tags as the metadata keeps them, e.g. {@code {@code address}} → {@code address}. */
    static String plain(String javadoc) {
        return javadoc.replaceAll("\\{@(?:code|link|literal) ([^}]*)}", "$1");
    }

    private static List<String> choicesOf(String type, ClassLoader loader) {
        if (type.equals("java.lang.Boolean") || type.equals("boolean")) {
            return List.of("true", "false");
        }
        try {
            Class<?> c = Class.forName(type, false, loader);
            if (c == SaslMechanism.class) {
                return Arrays.stream(SaslMechanism.values()).map(SaslMechanism::kafkaName).toList();
            }
            if (c.isEnum()) {
                return Arrays.stream(c.getEnumConstants())
                        .map(e -> ((Enum<?>) e).name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
            }
        } catch (ClassNotFoundException e) {
            // A JDK or library type: free text.
        }
        return List.of();
    }
}
