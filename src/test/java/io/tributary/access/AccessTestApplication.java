package io.tributary.access;

import io.tributary.config.edit.SettingsEditorConfiguration;
import io.tributary.console.settings.SettingsController;
import io.tributary.reconfigure.KafkaReconfiguration;
import io.tributary.config.BlocksStorageProperties;
import io.tributary.config.DistributorProperties;
import io.tributary.config.IngestStorageProperties;
import io.tributary.config.SecretConverter;
import io.tributary.config.SecretSanitizingFunction;
import io.tributary.config.TributaryProperties;
import io.tributary.config.ValidatedSettings;
import io.tributary.config.ValidationProperties;
import io.tributary.console.ChecksController;
import io.tributary.console.ConsoleApiController;
import io.tributary.console.ConsoleController;
import io.tributary.console.InstanceSummaries;
import io.tributary.ingest.RemoteWriteController;
import io.tributary.kafka.KafkaBootstrap;
import io.tributary.tenant.TenantConfiguration;
import io.tributary.tenant.TenantResolver;
import io.tributary.verify.VerifyConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The web layer of Tributary without Kafka or storage: the real security configuration, console controllers (the
 * settings editor's "apply" then only changes the live settings object: there are no clients to rebuild; the
 * checks page with the real check runner, whose checks only reach Kafka when a test runs them) and
 * remote-write controller (its {@code PushService} is mocked by each test), and a stand-in for the query routes
 * that answers with the tenant it resolved, so the tests see what the security rules let through and as whom.
 *
 * <p>Deliberately not a {@code @Configuration}: the application's component scan covers the test classes too when
 * an integration test runs Tributary from the test class path, and must not pick this class up.
 */
@EnableAutoConfiguration
@EnableConfigurationProperties({IngestStorageProperties.class, DistributorProperties.class,
        ValidationProperties.class, TributaryProperties.class, BlocksStorageProperties.class})
@Import({SecretConverter.class, SecretSanitizingFunction.class, ValidatedSettings.class, TenantConfiguration.class,
        AccessConfiguration.class, InstanceSummaries.class, ConsoleController.class, ConsoleApiController.class,
        RemoteWriteController.class, SettingsEditorConfiguration.class, KafkaReconfiguration.class,
        SettingsController.class, ChecksController.class, VerifyConfiguration.class})
public class AccessTestApplication {

    /** The admin password the tests configure (plain), and the Kafka address the home page shows. */
    public static final String ADMIN_PASSWORD = "correct-horse-battery-staple";
    public static final String KAFKA_ADDRESS = "broker-1.metrics.internal:9092";

    @Bean
    KafkaBootstrap kafkaBootstrap(ValidatedSettings settings) {
        return new KafkaBootstrap(settings.kafka(), null);
    }

    @Bean
    RouterFunction<ServerResponse> labelsStandIn(TenantResolver tenants) {
        return RouterFunctions.route()
                .GET("/api/v1/labels", request -> ServerResponse.ok().body("tenant=" + tenants.resolve(
                        request.headers().firstHeader(TenantResolver.TENANT_HEADER),
                        request.headers().firstHeader("Authorization"))))
                .build();
    }

    /** A fresh data directory under target/, for the generated-password file of a test context. */
    public static String freshDataDir(String name) {
        try {
            Files.createDirectories(Path.of("target/test-data"));
            return Files.createTempDirectory(Path.of("target/test-data"), name + "-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
