package io.tributary.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.KafkaSettings;
import io.tributary.config.SaslMechanism;
import io.tributary.config.Secret;
import java.util.concurrent.ExecutionException;
import javax.security.sasl.SaslException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;
import org.junit.jupiter.api.Test;

class KafkaFailureExplainerTest {

    private static final String PASSWORD = "Pa55-word-that-must-not-leak";

    private static KafkaSettings userPassword(SaslMechanism mechanism) {
        KafkaSettings settings = new KafkaSettings();
        settings.setSaslMechanism(mechanism);
        settings.setSaslUsername("ingest-writer");
        settings.setSaslPassword(Secret.of(PASSWORD));
        return settings;
    }

    @Test
    void aRejectedPasswordNamesUsernameAndPasswordSettings() {
        String explained = KafkaFailureExplainer.explain(new ExecutionException(
                new SaslAuthenticationException("Authentication failed: Invalid username or password")),
                userPassword(SaslMechanism.PLAIN));

        assertThat(explained).startsWith("Kafka rejected username 'ingest-writer' with SASL PLAIN: check "
                + "ingest-storage.kafka.sasl-username and ingest-storage.kafka.sasl-password")
                .endsWith("(Kafka said: Authentication failed: Invalid username or password)");
    }

    @Test
    void aScramRejectionAlsoSaysTheBrokerNeedsCredentialsForThatMechanism() {
        String explained = KafkaFailureExplainer.explain(new SaslAuthenticationException("Authentication failed"),
                userPassword(SaslMechanism.SCRAM_SHA_512));

        assertThat(explained).contains("ingest-storage.kafka.sasl-password", "SCRAM-SHA-512=[password=...]");
    }

    @Test
    void aMechanismTheBrokerLacksNamesTheMechanismSetting() {
        String explained = KafkaFailureExplainer.explain(new UnsupportedSaslMechanismException(
                "Client SASL mechanism 'SCRAM-SHA-256' not enabled in the server, enabled mechanisms are [PLAIN]"),
                userPassword(SaslMechanism.SCRAM_SHA_256));

        assertThat(explained).contains("does not offer SASL mechanism SCRAM-SHA-256",
                "set ingest-storage.kafka.sasl-mechanism", "enabled mechanisms are [PLAIN]");
    }

    @Test
    void aRejectedTokenNamesTheSourceItCameFrom() {
        KafkaSettings settings = new KafkaSettings();
        settings.setSaslMechanism(SaslMechanism.OAUTHBEARER);
        settings.setSaslOauthbearerFilePath("/var/run/secrets/kafka-token.json");

        assertThat(KafkaFailureExplainer.explain(new SaslAuthenticationException("{\"status\":\"invalid_token\"}"), settings))
                .startsWith("Kafka rejected the OAUTHBEARER token from ingest-storage.kafka.sasl-oauthbearer-file-path "
                        + "/var/run/secrets/kafka-token.json: it is expired, malformed");
    }

    @Test
    void aFailingCredentialSourceIsReportedInItsOwnWordsThroughKafkasWrapping() {
        CredentialsUnavailableException source = new CredentialsUnavailableException(
                "nothing answers on ingest-storage.kafka.sasl-oauthbearer-http-socket-path /run/creds.sock");
        Throwable wrapped = new KafkaException(new SaslAuthenticationException("An error: (...) occurred",
                new SaslException(source.getMessage(), source)));

        KafkaSettings settings = new KafkaSettings();
        settings.setSaslMechanism(SaslMechanism.OAUTHBEARER);
        assertThat(KafkaFailureExplainer.explain(wrapped, settings)).isEqualTo("Kafka authentication "
                + "(OAUTHBEARER) failed because nothing answers on ingest-storage.kafka.sasl-oauthbearer-http-socket-path /run/creds.sock");
        assertThat(KafkaFailureExplainer.isAuthenticationFailure(wrapped)).isTrue();
    }

    @Test
    void aSecretKafkaEchoesIsMasked() {
        String explained = KafkaFailureExplainer.explain(
                new SaslAuthenticationException("no user for password " + PASSWORD), userPassword(SaslMechanism.PLAIN));

        assertThat(explained).doesNotContain(PASSWORD).contains("no user for password ******");
    }

    @Test
    void otherFailuresKeepKafkasWordsWithoutTheFutureWrapper() {
        Throwable timeout = new ExecutionException(new TimeoutException("Timed out waiting for a node assignment."));

        assertThat(KafkaFailureExplainer.explain(timeout, new KafkaSettings()))
                .isEqualTo("TimeoutException: Timed out waiting for a node assignment.");
        assertThat(KafkaFailureExplainer.isAuthenticationFailure(timeout)).isFalse();
    }
}
