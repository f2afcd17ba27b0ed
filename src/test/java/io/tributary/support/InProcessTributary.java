package io.tributary.support;

import io.tributary.Application;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole application started in the test JVM with settings of the test's choosing, for tests that need
 * several differently configured instances against one broker (a {@code @SpringBootTest} context per setting
 * would stay cached, and its consumers running, until the JVM ends).
 */
public final class InProcessTributary implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private InProcessTributary(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts on a free HTTP port with a fresh data directory named after {@code name}; throws if startup fails. */
    public static InProcessTributary start(String name, Map<String, String> settings) {
        List<String> args = new ArrayList<>();
        args.add("--tributary.data-dir=" + freshDataDir(name));
        args.add("--server.port=0");
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new InProcessTributary(SpringApplication.run(Application.class, args.toArray(new String[0])));
    }

    private static Path freshDataDir(String name) {
        try {
            Files.createDirectories(Path.of("target/it-data"));
            return Files.createTempDirectory(Path.of("target/it-data"), name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The HTTP port the instance listens on. */
    public int port() {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
