package io.tributary.config;

import java.util.List;

/**
 * Settings that are valid for Mimir but that this version cannot honour yet: every AWS_MSK_IAM credential
 * source (the OAUTHBEARER file and socket sources are wired since the Kafka-authentication issue).
 * Reported with the other violations at startup ({@link ValidatedSettings}), rather than failing later
 * inside the Kafka client or, worse, authenticating with whatever AWS's default credential chain finds.
 * Kept apart from {@link SettingsValidator}, which states Mimir's rules, so removing it later changes nothing else.
 */
final class UnsupportedYetRules {

    private static final String KAFKA = "ingest-storage.kafka.";

    private UnsupportedYetRules() {
    }

    /** The settings of {@code kafka} that this version cannot honour, as violations. */
    static List<SettingsViolation> check(KafkaSettings kafka) {
        Violations out = new Violations();
        check(kafka, out);
        return out.toList();
    }

    private static void check(KafkaSettings kafka, Violations out) {
        if (kafka.getSaslMechanism() == SaslMechanism.AWS_MSK_IAM) {
            String instead = "authenticate to MSK with SCRAM-SHA-512 for now";
            notYet(KAFKA + "sasl-msk-iam-access-key", kafka.getSaslMskIamAccessKey(), instead, out);
            notYet(KAFKA + "sasl-msk-iam-file-path", kafka.getSaslMskIamFilePath(), instead, out);
            notYet(KAFKA + "sasl-msk-iam-http-socket-path", kafka.getSaslMskIamHttpSocketPath(), instead, out);
        }
    }

    private static void notYet(String key, String value, String instead, Violations out) {
        if (value != null && !value.isBlank()) {
            out.add(key, value, key + " is set, but this version of Tributary cannot pass credentials from it to"
                    + " the Kafka client yet: " + instead);
        }
    }
}
