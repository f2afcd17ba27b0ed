package io.tributary.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (the Debian package, 2.42) that answers PromQL over Tributary through
 * {@code remote_read}, as operators point Prometheus or Grafana at a long-term store, or over blocks Tributary
 * wrote, read from its own data directory. It scrapes nothing.
 */
public final class PrometheusServer implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts Prometheus with one remote_read endpoint, reading as {@code tenant} (basic-auth username). */
    public static PrometheusServer start(Path workDir, String remoteReadUrl, String tenant) throws IOException {
        Files.createDirectories(workDir);
        String config = """
                global:
                  scrape_interval: 1m
                remote_read:
                  - url: %s
                    read_recent: true
                    basic_auth:
                      username: %s
                      password: unused
                """.formatted(remoteReadUrl, tenant);
        return start(workDir, config, workDir.resolve("data"), List.of());
    }

    /**
     * Starts Prometheus on a data directory that already holds blocks (each a ULID directory), with native
     * histograms enabled so that it reads histogram chunks. Prometheus loads the blocks at start-up.
     */
    public static PrometheusServer startOnBlocks(Path workDir, Path tsdb) throws IOException {
        Files.createDirectories(workDir);
        return start(workDir, "global:\n  scrape_interval: 1m\n", tsdb, List.of("--enable-feature=native-histograms"));
    }

    private static PrometheusServer start(Path workDir, String config, Path tsdb, List<String> flags)
            throws IOException {
        Path configFile = workDir.resolve("prometheus.yml");
        Files.writeString(configFile, config);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = workDir.resolve("prometheus.log");
        List<String> command = new ArrayList<>(List.of(PrometheusAgent.BINARY.toString(),
                "--config.file=" + configFile, "--storage.tsdb.path=" + tsdb,
                "--web.listen-address=127.0.0.1:" + port));
        command.addAll(flags);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, log, port);
        try {
            server.awaitReady();
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        return server;
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        throw new IOException("Prometheus did not become ready; its log:\n" + Files.readString(log));
    }

    /** Runs an instant PromQL query and returns the JSON answer. */
    public String query(String promql, long evalTimeMs) throws IOException, InterruptedException {
        String uri = "http://127.0.0.1:" + port + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&time=" + (evalTimeMs / 1000.0);
        return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
