package io.tributary.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An in-process, single-node KRaft Kafka broker (broker and controller in one), started when no Kafka
 * address is configured so Tributary can be evaluated without a cluster. Its log lives under
 * {@code <tributary.data-dir>/kafka} and survives restarts; it listens on 127.0.0.1 only.
 * <p>
 * It starts in {@link #PHASE}, before anything that produces, consumes or serves HTTP, and stops last.
 * It is built from Kafka's production classes (no test jars): {@code Formatter} for a fresh directory,
 * {@code KafkaConfig} and {@code KafkaRaftServer}, as {@code kafka.Kafka} itself does.
 */
public class EmbeddedKafkaBroker implements SmartLifecycle {

    /** Lifecycle phase: far below Spring's default so clients and the web server start after the broker. */
    public static final int PHASE = -20_000;

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String LOOPBACK = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final long READY_TIMEOUT_MS = 30_000;

    private final Path logDir;
    private final int preferredPort;
    private final int defaultPartitions;

    private volatile KafkaRaftServer server;
    private volatile int port;

    /**
     * @param logDir            the broker's log (and metadata) directory, created if missing
     * @param preferredPort     port to listen on; when it is taken (or 0) a free one is used instead
     * @param defaultPartitions the broker's num.partitions, used by topics created without a count
     */
    public EmbeddedKafkaBroker(Path logDir, int preferredPort, int defaultPartitions) {
        this.logDir = logDir.toAbsolutePath();
        this.preferredPort = preferredPort;
        this.defaultPartitions = defaultPartitions;
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the embedded Kafka directory " + logDir, e);
        }
        // KafkaRaftServer keeps its bound ports private, so ports are chosen up front. The controller port
        // may change between restarts: with a static quorum it is not stored in the log.
        int brokerPort = freePort(preferredPort);
        int controllerPort = freePort(0);
        KafkaConfig config = new KafkaConfig(brokerConfig(brokerPort, controllerPort), false);
        formatIfFresh(config);
        KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            raftServer.startup();
        } catch (RuntimeException e) {
            raftServer.shutdown();
            raftServer.awaitShutdown();
            throw new IllegalStateException("The embedded Kafka broker did not start on " + LOOPBACK + ":" + brokerPort
                    + " (data in " + logDir + "): " + e.getMessage(), e);
        }
        server = raftServer;
        port = brokerPort;
        awaitReady();
        log.warn("Started an embedded single-node Kafka broker at {} for evaluation only: set "
                + "ingest-storage.kafka.address to use a real cluster (data in {})", bootstrapServers(), logDir);
    }

    /**
     * The broker's settings. Protected so a test can start the same broker with a broker-side setting of its own
     * (client-quota windows, say) without a second copy of this list.
     */
    protected Map<String, Object> brokerConfig(int brokerPort, int controllerPort) {
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + LOOPBACK + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + LOOPBACK + ":" + brokerPort + ",CONTROLLER://" + LOOPBACK + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + LOOPBACK + ":" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        // Mimir records go up to 15,983,616 bytes; Kafka's 1 MB default would refuse them.
        props.put("message.max.bytes", String.valueOf(KafkaClientProperties.MAX_MESSAGE_BYTES));
        props.put("replica.fetch.max.bytes", String.valueOf(KafkaClientProperties.MAX_MESSAGE_BYTES));
        props.put("num.partitions", String.valueOf(defaultPartitions));
        // One node: every internal topic must make do with one replica, or group commits never work.
        props.put("default.replication.factor", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // Readers join one group per partition; waiting 3 s for more members would only delay startup.
        props.put("group.initial.rebalance.delay.ms", "0");
        // The log cleaner allocates its whole dedupe buffer (128 MB by default) on the heap at startup. Only
        // the small, compacted offsets topic is ever cleaned here: a key per reader group and partition, and
        // 2 MB indexes ~87,000 keys (24 bytes each).
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(2L << 20));
        return props;
    }

    /** Only a fresh directory is formatted (a new cluster id), so a restart keeps its topics and records. */
    private void formatIfFresh(KafkaConfig config) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .addDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format the embedded Kafka directory " + logDir + ": " + e.getMessage(), e);
        }
    }

    /** startup() returns once the broker is unfenced; one metadata round trip proves clients can connect. */
    private void awaitReady() {
        Map<String, Object> props = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().nodes().get(READY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("The embedded Kafka broker at " + LOOPBACK + ":" + port
                    + " did not answer within " + READY_TIMEOUT_MS + " ms", e);
        }
    }

    /**
     * The preferred port when it can be bound now, else any free one. Between closing the probe and the
     * broker binding there is a small window in which another process could take the port; the broker
     * then fails to start with a bind error naming the port.
     */
    static int freePort(int preferred) {
        if (preferred > 0) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), preferred));
                return preferred;
            } catch (IOException taken) {
                log.info("Port {} on {} is taken; the embedded Kafka broker uses a free port instead", preferred, LOOPBACK);
            }
        }
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + LOOPBACK, e);
        }
    }

    @Override
    public synchronized void stop() {
        KafkaRaftServer running = server;
        if (running == null) {
            return;
        }
        server = null;
        running.shutdown();
        running.awaitShutdown();
        log.info("Stopped the embedded Kafka broker at {}:{}", LOOPBACK, port);
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** "127.0.0.1:PORT" of the running broker. */
    public String bootstrapServers() {
        if (port == 0) {
            throw new IllegalStateException("The embedded Kafka broker has not started yet: create Kafka clients in "
                    + "a SmartLifecycle with a phase above EmbeddedKafkaBroker.PHASE, not in a constructor");
        }
        return LOOPBACK + ":" + port;
    }

    /** The directory holding the broker's log and metadata. */
    public Path logDir() {
        return logDir;
    }
}
