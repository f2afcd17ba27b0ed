package io.tributary.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The startup report for invalid settings: a count, the list, and what to do. */
class InvalidSettingsFailureAnalyzerTest {

    @Test
    @DisplayName("a bean failure caused by invalid settings is reported as the list of settings to fix")
    void reportsEveryViolation() {
        InvalidSettingsException invalid = new InvalidSettingsException(List.of(
                new SettingsViolation("ingest-storage.kafka.tls-cert-path", "/etc/tributary/client.pem",
                        "ingest-storage.kafka.tls-cert-path is set but ingest-storage.kafka.tls-key-path is empty:"
                                + " set both for mTLS, or neither"),
                new SettingsViolation("distributor.remote-timeout", "0s",
                        "distributor.remote-timeout is 0s: must be greater than 0, e.g. 10s")));

        FailureAnalysis analysis = new InvalidSettingsFailureAnalyzer()
                .analyze(new BeanCreationException("validatedSettings", invalid));

        assertThat(analysis.getDescription()).isEqualTo("""
                Tributary cannot start: 2 invalid settings

                  - ingest-storage.kafka.tls-cert-path is set but ingest-storage.kafka.tls-key-path is empty: \
                set both for mTLS, or neither
                  - distributor.remote-timeout is 0s: must be greater than 0, e.g. 10s""");
        assertThat(analysis.getAction())
                .isEqualTo("fix the settings above (flags, env, YAML or the settings file) and start again");
    }

    @Test
    @DisplayName("one invalid setting is reported in the singular")
    void singular() {
        InvalidSettingsException invalid = new InvalidSettingsException(List.of(new SettingsViolation(
                "ingest-storage.kafka.topic", "", "ingest-storage.kafka.topic is empty: set the topic that all"
                + " tenants write to")));

        assertThat(new InvalidSettingsFailureAnalyzer().analyze(invalid).getDescription())
                .startsWith("Tributary cannot start: 1 invalid setting\n");
    }
}
