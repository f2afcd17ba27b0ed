package io.tributary.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka-compatible backend Tributary talks to, as an operator names it ({@code tributary.kafka-flavor}).
 *
 * <p>Each flavor carries a preset: the {@code ingest-storage.kafka.*} values its quirks call for, with the reason,
 * which the console offers to apply to the settings form. The values that a flavor cannot work without are also
 * enforced at startup ({@link FlavorRules}), so a WarpStream or Event Hubs deployment that forgot one fails with
 * the fix named instead of misbehaving later. Facts: Mimir's "different Kafka backend implementations" notes and
 * the vendors' documented limits.
 */
public enum KafkaFlavor {

    /** No preset: any Kafka-compatible broker, Tributary's defaults. */
    GENERIC("Kafka-compatible (no preset)", Map.of()),

    /** Apache Kafka: the protocol's reference; its only quirk is the broker-side 1 MB message limit. */
    APACHE_KAFKA("Apache Kafka", Map.of()),

    /** Confluent Cloud: SASL_SSL with an API key and secret as PLAIN username and password. */
    CONFLUENT("Confluent", preset(
            "tls-enabled", "true", "Confluent Cloud accepts TLS connections only",
            "sasl-mechanism", "PLAIN", "the API key is the username and the API secret the password")),

    /** Redpanda: speaks Kafka's protocol without client-side quirks. */
    REDPANDA("Redpanda", Map.of()),

    /** WarpStream: counts a fetch's MaxBytes in uncompressed bytes and ignores rack-aware fetching. */
    WARPSTREAM("WarpStream", preset(
            "use-compressed-bytes-as-fetch-max-bytes", "false",
            "WarpStream reads a fetch's MaxBytes as uncompressed bytes",
            "client-rack", "", "WarpStream does not support client-rack")),

    /** Amazon MSK: IAM (port 9098) or SCRAM-SHA-512 (port 9096), both over TLS. */
    AWS_MSK("AWS MSK", preset(
            "tls-enabled", "true", "MSK authenticates IAM and SCRAM clients only over TLS",
            "sasl-mechanism", "AWS_MSK_IAM", "IAM access control (or SCRAM-SHA-512, MSK's other SASL mechanism)")),

    /** Azure Event Hubs: TLS, the connection string as PLAIN password, no Kafka compression, 1 MB events. */
    AZURE_EVENT_HUBS("Azure Event Hubs", preset(
            "tls-enabled", "true", "Event Hubs accepts TLS connections only (port 9093)",
            "sasl-mechanism", "PLAIN", "the namespace's connection string is the password",
            "sasl-username", "$ConnectionString", "Event Hubs expects this literal username with a connection string",
            "producer-compression", "none", "Event Hubs refuses compressed record batches",
            "producer-max-record-size-bytes", "1048576", "Event Hubs events are at most 1 MB on the Standard and Premium tiers",
            "producer-record-version", "2", "without Kafka compression, version 2 records are about 3x smaller"));

    private final String displayName;
    private final Map<String, Preset> preset;

    KafkaFlavor(String displayName, Map<String, Preset> preset) {
        this.displayName = displayName;
        this.preset = preset;
    }

    /** One preset value: the setting's key under {@code ingest-storage.kafka.}, its value and why. */
    public record Preset(String value, String reason) {
    }

    public String displayName() {
        return displayName;
    }

    /** The preset, keyed by setting name under {@code ingest-storage.kafka.}, in the order to show them. */
    public Map<String, Preset> preset() {
        return preset;
    }

    private static Map<String, Preset> preset(String... keyValueReason) {
        Map<String, Preset> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValueReason.length; i += 3) {
            out.put(keyValueReason[i], new Preset(keyValueReason[i + 1], keyValueReason[i + 2]));
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
