package io.tributary.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnsupportedYetRulesTest {

    private final KafkaSettings kafka = new KafkaSettings();

    @Test
    void oauthbearerCredentialsFromAFileOrASocketAreSupported() {
        kafka.setSaslMechanism(SaslMechanism.OAUTHBEARER);
        kafka.setSaslOauthbearerFilePath("/etc/tributary/oauth.json");
        assertThat(UnsupportedYetRules.check(kafka)).isEmpty();

        kafka.setSaslOauthbearerFilePath("");
        kafka.setSaslOauthbearerHttpSocketPath("/run/tributary/credentials.sock");
        assertThat(UnsupportedYetRules.check(kafka)).isEmpty();
    }

    @Test
    void mskIamCredentialsFromAFileAreRefusedUntilTheyAreWired() {
        kafka.setSaslMechanism(SaslMechanism.AWS_MSK_IAM);
        kafka.setSaslMskIamFilePath("/etc/tributary/msk.json");

        assertThat(UnsupportedYetRules.check(kafka)).containsExactly(new SettingsViolation(
                "ingest-storage.kafka.sasl-msk-iam-file-path", "/etc/tributary/msk.json",
                "ingest-storage.kafka.sasl-msk-iam-file-path is set, but this version of Tributary cannot pass"
                        + " credentials from it to the Kafka client yet: authenticate to MSK with SCRAM-SHA-512 for now"));
    }

    @Test
    void mskIamStaticKeysAreRefusedUntilTheyAreWired() {
        kafka.setSaslMechanism(SaslMechanism.AWS_MSK_IAM);
        kafka.setSaslMskIamAccessKey("AKIAIOSFODNN7EXAMPLE");
        kafka.setSaslMskIamSecretKey(Secret.of("wJalrXUtnFEMI/K7MDENG"));

        assertThat(UnsupportedYetRules.check(kafka)).singleElement()
                .satisfies(v -> assertThat(v.key()).isEqualTo("ingest-storage.kafka.sasl-msk-iam-access-key"))
                .satisfies(v -> assertThat(v.message()).contains("SCRAM-SHA-512"));
    }

    @Test
    void aStaticOauthbearerTokenAndTheOtherMechanismsAreSupported() {
        kafka.setSaslMechanism(SaslMechanism.OAUTHBEARER);
        kafka.setSaslOauthbearerToken(Secret.of("eyJhbGciOiJub25lIn0.e30."));
        assertThat(UnsupportedYetRules.check(kafka)).isEmpty();

        kafka.setSaslMechanism(SaslMechanism.SCRAM_SHA_512);
        kafka.setSaslOauthbearerFilePath("/etc/tributary/oauth.json");
        assertThat(UnsupportedYetRules.check(kafka)).as("not this rule's business: AuthRules calls it ignored").isEmpty();
    }
}
