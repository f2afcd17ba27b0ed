package io.tributary.config.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class SettingOriginsTest {

    private final StandardEnvironment environment = new StandardEnvironment();

    SettingOriginsTest() {
        var sources = environment.getPropertySources();
        sources.forEach(s -> sources.remove(s.getName()));
        sources.addLast(new SimpleCommandLinePropertySource("--ingest-storage.kafka.topic=metrics-eu-west"));
        sources.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("INGEST_STORAGE_KAFKA_CLIENT_ID", "ingest-eu-west")));
        sources.addLast(new MapPropertySource("Config resource 'class path resource [application.yml]' via location "
                + "'optional:classpath:/'", Map.of("ingest-storage.kafka.dial-timeout", "3s",
                "ingest-storage.kafka.write-timeout", "15s")));
        SavedSettingsSource.install(environment, Map.of("ingest-storage.kafka.write-timeout", "20s"));
    }

    private SettingOrigin origin(String key) {
        return new SettingOrigins(environment).of(key);
    }

    @Test
    void aValueFromTheCommandLineIsLocked() {
        assertThat(origin("ingest-storage.kafka.topic")).isEqualTo(new SettingOrigin("command line", true));
    }

    @Test
    void anEnvironmentVariableCountsUnderItsRelaxedNameAndIsLocked() {
        assertThat(origin("ingest-storage.kafka.client-id")).isEqualTo(new SettingOrigin("environment variable", true));
    }

    @Test
    void aValueFromAConfigurationFileIsNamedAndEditable() {
        assertThat(origin("ingest-storage.kafka.dial-timeout"))
                .isEqualTo(new SettingOrigin("configuration file application.yml", false));
    }

    @Test
    void theConsolesValueOverridesTheFileAndWhatTheFileSaysIsStillKnown() {
        assertThat(origin("ingest-storage.kafka.write-timeout")).isEqualTo(new SettingOrigin("console", false));
        assertThat(environment.getProperty("ingest-storage.kafka.write-timeout")).isEqualTo("20s");
        assertThat(new SettingOrigins(environment).valueWithoutConsole("ingest-storage.kafka.write-timeout", "10s"))
                .isEqualTo("15s");
    }

    @Test
    void aSettingNoSourceSetsComesFromItsDefault() {
        assertThat(origin("ingest-storage.kafka.client-rack")).isEqualTo(SettingOrigin.DEFAULT);
        assertThat(new SettingOrigins(environment).valueWithoutConsole("ingest-storage.kafka.client-rack", ""))
                .isEmpty();
    }
}
