package io.tributary.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** /actuator/env and /actuator/configprops keep credentials masked even with show-values=ALWAYS. */
class SecretSanitizingFunctionTest {

    @Test
    @DisplayName("the env endpoint with show-values=ALWAYS masks credentials in every key form, and shows the rest")
    void envEndpointMasksCredentials() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("operator", Map.of(
                "ingest-storage.kafka.topic", "metrics",
                "ingest-storage.kafka.sasl-password", "hunter2",
                "ingest_storage.kafka.sasl_oauthbearer_token", "eyJhbGciOi",
                "INGESTSTORAGE_KAFKA_SASLMSKIAMSECRETKEY", "wJalrXUtnFEMI",
                "spring.kafka.properties.ssl.key.password", "changeit",
                "blocks_storage.s3.secret_access_key", "bPxRfiCYEXAMPLEKEY",
                "BLOCKSSTORAGE_S3_SESSIONTOKEN", "IQoJb3JpZ2luX2Vj")));
        EnvironmentEndpoint endpoint =
                new EnvironmentEndpoint(environment, List.of(new SecretSanitizingFunction()), Show.ALWAYS);

        String json = JsonMapper.shared().writeValueAsString(endpoint.environment(null));

        assertThat(json).contains("metrics").contains("******")
                .doesNotContain("hunter2", "eyJhbGciOi", "wJalrXUtnFEMI", "changeit", "bPxRfiCYEXAMPLEKEY",
                        "IQoJb3JpZ2luX2Vj");
    }

    @Test
    @DisplayName("the configprops endpoint with show-values=ALWAYS masks the bound secrets, and shows the rest")
    void configpropsEndpointMasksCredentials() {
        new ApplicationContextRunner()
                .withUserConfiguration(BoundSettings.class)
                .withPropertyValues(
                        "ingest-storage.kafka.topic=metrics",
                        "ingest-storage.kafka.sasl-password=hunter2",
                        "ingest-storage.kafka.sasl-oauthbearer-extensions={\"traceparent\":\"00-4bf9\"}",
                        "ingest-storage.kafka.sasl-msk-iam-session-token=FwoGZXIvYXdzEJr")
                .run(context -> {
                    ConfigurationPropertiesReportEndpoint endpoint = new ConfigurationPropertiesReportEndpoint(
                            List.of(new SecretSanitizingFunction()), Show.ALWAYS);
                    endpoint.setApplicationContext(context);

                    String json = JsonMapper.shared()
                            .writeValueAsString(endpoint.configurationPropertiesWithPrefix("ingest-storage"));

                    assertThat(json).contains("metrics").contains("******")
                            .doesNotContain("hunter2", "00-4bf9", "FwoGZXIvYXdzEJr");
                });
    }

    @Test
    @DisplayName("the configprops endpoint with show-values=ALWAYS masks the S3 secret key and session token")
    void configpropsEndpointMasksS3Credentials() {
        new ApplicationContextRunner()
                .withUserConfiguration(BoundSettings.class)
                .withPropertyValues(
                        "blocks-storage.backend=s3",
                        "blocks-storage.s3.bucket-name=mimir-blocks",
                        "blocks-storage.s3.access-key-id=ingester-blocks",
                        "blocks-storage.s3.secret-access-key=bPxRfiCYEXAMPLEKEY",
                        "blocks-storage.s3.session-token=IQoJb3JpZ2luX2Vj")
                .run(context -> {
                    ConfigurationPropertiesReportEndpoint endpoint = new ConfigurationPropertiesReportEndpoint(
                            List.of(new SecretSanitizingFunction()), Show.ALWAYS);
                    endpoint.setApplicationContext(context);

                    String json = JsonMapper.shared()
                            .writeValueAsString(endpoint.configurationPropertiesWithPrefix("blocks-storage"));

                    assertThat(json).contains("mimir-blocks", "ingester-blocks").contains("******")
                            .doesNotContain("bPxRfiCYEXAMPLEKEY", "IQoJb3JpZ2luX2Vj");
                });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({IngestStorageProperties.class, BlocksStorageProperties.class})
    @Import(SecretConverter.class)
    static class BoundSettings {
    }
}
