package io.tributary.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (the Debian package, 2.42) in agent mode, scraping a target and remote-writing
 * what it scrapes to Tributary: the sender our users run, not an imitation of it.
 */
public final class PrometheusAgent implements AutoCloseable {

    /** Where Debian installs it; tests that need it skip themselves when it is absent. */
    public static final Path BINARY = Path.of("/usr/bin/prometheus");

    private final Process process;
    private final Path log;

    private PrometheusAgent(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Starts an agent that scrapes {@code scrapeTarget} (host:port) at {@code metricsPath} every second
     * (as the {@link ConsoleAdmin}, which Tributary's actuator requires) and remote-writes to {@code remoteWriteUrl}
     * as {@code tenant}. The tenant travels as the basic-auth username: Debian's 2.42 build silently drops {@code remote_write.headers}, so X-Scope-OrgID cannot be set.
     */
    public static PrometheusAgent start(Path workDir, String scrapeTarget, String metricsPath, String remoteWriteUrl,
                                        String tenant) throws IOException {
        Files.createDirectories(workDir);
        String config = """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: tributary
                    metrics_path: %s
                    basic_auth:
                      username: %s
                      password: %s
                    static_configs:
                      - targets: ['%s']
                remote_write:
                  - url: %s
                    basic_auth:
                      username: %s
                      password: not-checked
                    queue_config:
                      batch_send_deadline: 1s
                      min_backoff: 100ms
                      max_backoff: 1s
                    metadata_config:
                      send: true
                      send_interval: 2s
                """.formatted(metricsPath, ConsoleAdmin.USERNAME, ConsoleAdmin.PASSWORD, scrapeTarget, remoteWriteUrl, tenant);
        Path configFile = workDir.resolve("agent.yml");
        Files.writeString(configFile, config);
        Path log = workDir.resolve("prometheus.log");
        Process process = new ProcessBuilder(List.of(BINARY.toString(),
                "--enable-feature=agent",
                "--config.file=" + configFile,
                "--storage.agent.path=" + workDir.resolve("wal"),
                "--web.listen-address=127.0.0.1:0"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new PrometheusAgent(process, log);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the agent logged, for assertion messages. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** A directory under target/ unique to one test run. */
    public static Path scratch(String name) {
        return new File("target/it-work/" + name + "-" + System.nanoTime()).toPath().toAbsolutePath();
    }
}
