package io.tributary;

import io.tributary.config.MimirArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Tributary: Prometheus remote-write into Kafka, read back by partition consumers. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class Application {

    public static void main(String[] args) {
        // Mimir's single-dash flags and -config.file would otherwise be ignored by Spring Boot.
        SpringApplication.run(Application.class, MimirArguments.translate(args));
    }
}
