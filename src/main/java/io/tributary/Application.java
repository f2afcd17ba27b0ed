package io.tributary;

import io.tributary.config.MimirArguments;
import io.tributary.verify.VerifyCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Tributary: Prometheus remote-write into Kafka, read back by partition consumers. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class Application {

    public static void main(String[] args) {
        if (VerifyCommand.requested(args)) {
            // "verify": run the verification checks against the configured Kafka and exit, without starting a server.
            System.exit(VerifyCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        // Mimir's single-dash flags and -config.file would otherwise be ignored by Spring Boot.
        SpringApplication.run(Application.class, MimirArguments.translate(args));
    }
}
