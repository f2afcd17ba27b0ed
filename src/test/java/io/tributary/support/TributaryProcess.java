package io.tributary.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tributary in a JVM of its own (the test's class path, the real main class), so a test can kill it with
 * SIGKILL at any moment and start it again on the same data directory.
 */
public final class TributaryProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int port;

    private TributaryProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public static TributaryProcess start(Path dataDir, int httpPort, int kafkaPort, String logName, String... args)
            throws IOException {
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), "io.tributary.Application",
                "--tributary.data-dir=" + dataDir, "--server.port=" + httpPort,
                "--tributary.embedded-kafka.port=" + kafkaPort));
        command.addAll(List.of(args));
        Path log = dataDir.resolve(logName);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new TributaryProcess(process, log, httpPort);
    }

    public int port() {
        return port;
    }

    /** The readiness probe's answer now; throws {@link IOException} while the server is not listening. */
    public HttpResponse<String> readiness() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the HTTP server answers the readiness probe at all, ready or not, and returns that answer. */
    public HttpResponse<String> awaitListening(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Tributary exited with " + process.exitValue() + "; log:\n" + Files.readString(log));
            }
            try {
                return readiness();
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("Tributary did not listen on " + port + " in " + timeout + "; log:\n" + Files.readString(log));
    }

    /** The process's output so far. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Waits until /actuator/health/readiness answers 200 (partition readers caught up). */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Tributary exited with " + process.exitValue() + "; log:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Tributary did not become ready in " + timeout + "; log:\n" + Files.readString(log));
    }

    /** SIGKILL: no shutdown hook, no final commit, no flush. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
