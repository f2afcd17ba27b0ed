package io.tributary.verify;

import io.tributary.config.BlocksStorageProperties;
import io.tributary.config.DistributorProperties;
import io.tributary.config.IngestStorageProperties;
import io.tributary.config.SecretConverter;
import io.tributary.config.TributaryProperties;
import io.tributary.config.ValidatedSettings;
import io.tributary.config.ValidationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * The slim context of {@code tributary verify}: the settings, bound and validated exactly as the server binds them
 * (flags, environment, YAML, Mimir's -config.file), and nothing else. No web server, no embedded broker, no
 * partition readers: the command judges a deployment, it must not become a second instance of it.
 * <p>
 * Deliberately not a {@code @Configuration}, so the application's component scan never picks it up.
 */
@EnableConfigurationProperties({IngestStorageProperties.class, DistributorProperties.class, ValidationProperties.class,
        TributaryProperties.class, BlocksStorageProperties.class})
@Import({SecretConverter.class, ValidatedSettings.class})
public class VerifyCommandConfiguration {
}
