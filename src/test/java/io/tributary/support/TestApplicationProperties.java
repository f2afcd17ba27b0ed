package io.tributary.support;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Settings every integration test context shares: fresh state under target/ and an embedded broker on a free port. */
public final class TestApplicationProperties {

    private TestApplicationProperties() {
    }

    /**
     * Registers a fresh data directory, a free embedded-broker port, a topic named after the test class and the
     * {@link ConsoleAdmin} password.
     */
    public static void isolate(Class<?> testClass, DynamicPropertyRegistry registry) {
        Path dataDir;
        try {
            Files.createDirectories(Path.of("target/it-data"));
            dataDir = Files.createTempDirectory(Path.of("target/it-data"), testClass.getSimpleName() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("tributary.data-dir", dataDir::toString);
        registry.add("tributary.embedded-kafka.port", () -> "0");
        registry.add("ingest-storage.kafka.topic", () -> testClass.getSimpleName().toLowerCase());
        // A known admin password, so tests can read the admin-only actuator endpoints (ConsoleAdmin).
        registry.add("tributary.console.password", () -> ConsoleAdmin.PASSWORD);
    }
}
