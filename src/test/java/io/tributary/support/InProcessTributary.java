package io.tributary.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.Application;
import io.tributary.testproto.rw1.Label;
import io.tributary.testproto.rw1.Sample;
import io.tributary.testproto.rw1.TimeSeries;
import io.tributary.testproto.rw1.WriteRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole application started in the test JVM with the given settings against an external broker, for tests
 * that need several differently configured instances (one per authentication method) next to one broker.
 */
public final class InProcessTributary implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;

    private InProcessTributary(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /** The settings every instance needs: a fresh data dir, a random HTTP port, one partition, its own topic. */
    public static Map<String, Object> baseSettings(String name, String kafkaAddress) {
        Path dataDir;
        try {
            Files.createDirectories(Path.of("target/it-data"));
            dataDir = Files.createTempDirectory(Path.of("target/it-data"), name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("server.port", "0");
        settings.put("tributary.data-dir", dataDir.toString());
        settings.put("ingest-storage.kafka.address", kafkaAddress);
        settings.put("ingest-storage.kafka.topic", name);
        settings.put("ingest-storage.kafka.auto-create-topic-default-partitions", "1");
        return settings;
    }

    /**
     * Starts the application with {@code settings} as command-line arguments, so they outrank application.yml
     * (as default properties, {@code server.port=0} lost to its 8080); startup failures are thrown as Spring
     * reports them.
     */
    public static InProcessTributary start(Map<String, Object> settings) {
        String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new InProcessTributary(new SpringApplicationBuilder(Application.class).run(args));
    }

    /**
     * Starts on a free HTTP port with a fresh data directory named after {@code name}, the settings given as
     * command-line arguments (so they outrank every file); throws if startup fails.
     */
    public static InProcessTributary start(String name, Map<String, String> settings) {
        List<String> args = new ArrayList<>();
        args.add("--tributary.data-dir=" + baseSettings(name, "").get("tributary.data-dir"));
        args.add("--server.port=0");
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new InProcessTributary(new SpringApplicationBuilder(Application.class).run(args.toArray(new String[0])));
    }

    /**
     * The whole application as a new user runs it, with its own embedded broker (on a free port), a fresh data
     * directory, a topic of two partitions and the console admin of {@link ConsoleAdmin}; for the browser tests.
     */
    public static InProcessTributary withEmbeddedBroker(String name, String topic) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("server.port", "0");
        args.put("tributary.data-dir", baseSettings(name, "").get("tributary.data-dir"));
        args.put("tributary.embedded-kafka.port", String.valueOf(LoopbackPorts.free()));
        args.put("ingest-storage.kafka.topic", topic);
        args.put("ingest-storage.kafka.auto-create-topic-default-partitions", "2");
        args.put("tributary.console.password", ConsoleAdmin.PASSWORD);
        return start(args);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public int port() {
        return port;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Pushes one sample of {@code metric} for {@code tenant}; returns the HTTP answer. */
    public HttpResponse<String> push(String tenant, String metric, long timestamp, double value) {
        WriteRequest request = WriteRequest.newBuilder().addTimeseries(TimeSeries.newBuilder()
                .addLabels(Label.newBuilder().setName("__name__").setValue(metric))
                .addLabels(Label.newBuilder().setName("instance").setValue("web-1"))
                .addSamples(Sample.newBuilder().setTimestamp(timestamp).setValue(value))).build();
        return new RemoteWriteClient(port).push(tenant, RemoteWriteClient.V1_TYPE, request.toByteArray());
    }

    /** Pushes one sample and reads it back with a strong read, so it went through Kafka and a partition reader. */
    public void pushAndReadBack(String tenant, String metric) {
        long now = System.currentTimeMillis();
        HttpResponse<String> pushed = push(tenant, metric, now, 42.5);
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(204);
        RemoteReadClient.Result read = new RemoteReadClient(port).read(tenant, "strong", now - 1, now + 1, metric);
        assertThat(read.status()).as(read.error()).isEqualTo(200);
        assertThat(read.series()).containsOnlyKeys("{__name__=\"" + metric + "\",instance=\"web-1\"}");
        assertThat(read.series().values().iterator().next()).singleElement()
                .satisfies(sample -> assertThat(sample).containsExactly(now, 42.5));
    }

    @Override
    public void close() {
        context.close();
    }
}
