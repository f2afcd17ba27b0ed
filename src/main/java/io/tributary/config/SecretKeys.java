package io.tributary.config;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Knows which setting keys hold credentials, whatever form the key is written in: our kebab keys, Mimir's
 * underscore YAML keys, env vars, camelCase (actuator's configprops) and Kafka client keys. Kafka's list comes
 * from Kafka's own {@link ConfigDef}s (every {@link ConfigDef.Type#PASSWORD} key), so a credential key added by a
 * Kafka upgrade is masked without anyone remembering to add it here.
 */
public final class SecretKeys {

    /**
     * Our settings that are {@link Secret}s; kept in step with the {@code Secret} fields of {@link KafkaSettings},
     * {@link BlocksStorageProperties.S3}, {@link ConsoleSettings} and {@link ApiAuthSettings} (whose per-tenant
     * {@code tenants.<tenant>.password} and {@code .bearer-token} end like the shared ones, so they match too).
     */
    private static final Set<String> TRIBUTARY_SECRETS = Set.of(
            "ingest-storage.kafka.sasl-password",
            "ingest-storage.kafka.sasl-oauthbearer-token",
            "ingest-storage.kafka.sasl-oauthbearer-extensions",
            "ingest-storage.kafka.sasl-msk-iam-secret-key",
            "ingest-storage.kafka.sasl-msk-iam-session-token",
            "blocks-storage.s3.secret-access-key",
            "blocks-storage.s3.session-token",
            "tributary.console.password",
            "tributary.api-auth.password",
            "tributary.api-auth.bearer-token");

    private static final Set<String> KAFKA_PASSWORD_KEYS = kafkaPasswordKeys();

    /**
     * Last parts of secret keys with separators and case removed. Matching on the end lets prefixed forms such as
     * {@code spring.kafka.properties.sasl.jaas.config} or {@code INGESTSTORAGE_KAFKA_SASLPASSWORD} match too.
     */
    private static final Set<String> NORMALISED_SUFFIXES = normalisedSuffixes();

    private SecretKeys() {
    }

    /** The PASSWORD-typed keys of Kafka's producer, consumer and admin client configurations. */
    public static Set<String> kafkaPasswordKeys() {
        Set<String> keys = new TreeSet<>();
        Stream.of(ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef())
                .flatMap(def -> def.configKeys().values().stream())
                .filter(key -> key.type == ConfigDef.Type.PASSWORD)
                .forEach(key -> keys.add(key.name));
        return Set.copyOf(keys);
    }

    /** True when the key (in any of the forms above) names a credential whose value must never be shown. */
    public static boolean isSecret(String key) {
        if (key == null) {
            return false;
        }
        String normalised = normalise(key);
        if (normalised.isEmpty()) {
            return false;
        }
        for (String suffix : NORMALISED_SUFFIXES) {
            if (normalised.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A copy of Kafka client properties that is safe to log: values of secret keys are replaced by
     * {@link Secret#MASK} (unset ones stay as they are, so "not configured" remains visible), and any
     * {@link Secret} value is rendered masked whatever its key.
     */
    public static Map<String, Object> masked(Map<String, Object> kafkaClientProps) {
        Map<String, Object> copy = new LinkedHashMap<>();
        kafkaClientProps.forEach((key, value) -> copy.put(key, maskedValue(key, value)));
        return copy;
    }

    static Object maskedValue(String key, Object value) {
        if (value instanceof Secret secret) {
            return secret.toString();
        }
        if (value == null || value.toString().isEmpty() || !isSecret(key)) {
            return value;
        }
        return Secret.MASK;
    }

    private static Set<String> normalisedSuffixes() {
        Set<String> suffixes = new TreeSet<>();
        TRIBUTARY_SECRETS.forEach(key -> suffixes.add(normalise(key.substring(key.lastIndexOf('.') + 1))));
        KAFKA_PASSWORD_KEYS.forEach(key -> suffixes.add(normalise(key)));
        return Set.copyOf(suffixes);
    }

    /** Drops case, dots, dashes, underscores and brackets, the parts in which the key forms differ. */
    private static String normalise(String key) {
        StringBuilder letters = new StringBuilder(key.length());
        for (char c : key.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                letters.append(c);
            }
        }
        return letters.toString();
    }
}
