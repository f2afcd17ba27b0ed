package io.tributary.kafka;

import io.tributary.config.KafkaSettings;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one place that turns {@code ingest-storage.kafka.*} settings into Kafka client properties for the
 * producer, the partition readers and the admin client. Every Kafka client in Tributary is built from
 * these maps, so a setting means the same thing everywhere and the mapping is unit-tested without a broker.
 * <p>
 * Values carry the types Kafka's {@code ConfigDef} declares (Integer for INT keys, Long for LONG keys,
 * {@link org.apache.kafka.common.config.types.Password} for PASSWORD keys), so logging a map never prints
 * a credential and Kafka accepts the map as is. Building a map reads no file: TLS files are read by
 * {@link io.tributary.kafka.tls.PemTlsEngineFactory} when a client is built from it.
 */
public final class KafkaClientProperties {

    /**
     * Largest produce request and topic message size, Mimir's {@code ProducerBatchMaxBytes}. The biggest
     * record value (producer-max-record-size-bytes, at most 15,983,616) plus Kafka's batch and record
     * framing fits in it.
     */
    public static final int MAX_MESSAGE_BYTES = 16_000_000;

    /**
     * Producer batch size. A record larger than this still goes out, in a batch sized to the record, so
     * this need not cover the largest record. The producer keeps every batch buffer it has freed for reuse,
     * so this times the batches in flight at the busiest moment stays on the heap for good: at 1 MiB that
     * was 32 MiB under the benchmark load (BENCHMARKS.md, read path). A request of 2000 samples makes records
     * of ~70 KB per partition, so 256 KiB still lets a few of them share a batch.
     */
    static final int BATCH_SIZE_BYTES = 262_144;

    /**
     * Producer linger. The distributor waits for the acknowledgement inside the HTTP request, so linger is
     * paid on every write. 0 sends at once; records that arrive while a partition's in-flight requests
     * (at most 5, with idempotence) are pending still coalesce into the next batch. Measured with the
     * load generator (BENCHMARKS.md): 5 ms (Kafka 4's default) gave 40% fewer samples/s at twice the p50.
     * Mimir lingers 50 ms, but runs 20 requests in flight without idempotence.
     */
    static final long LINGER_MS = 0;

    /**
     * Per-partition fetch size (Kafka's default). It need not hold the largest record: when the first batch
     * of a partition is larger, the broker returns that batch whole anyway (KIP-74). Each reader holds up to
     * one fetch of its partition in memory, so 16 MB here cost up to 16 MB of heap per owned partition
     * while catching up.
     */
    public static final int MAX_PARTITION_FETCH_BYTES = 1_048_576;

    /** Whole-fetch cap (Kafka's default, stated because it must stay at or above one largest record). */
    static final int FETCH_MAX_BYTES = 52_428_800;

    /** How long the broker may hold a concurrent fetcher's request when there is nothing to return. */
    static final int FETCHER_MAX_WAIT_MS = 50;

    /** Kafka's default consumer request timeout, raised when the broker may hold a fetch for longer. */
    static final int CONSUMER_REQUEST_TIMEOUT_MS = 30_000;

    private static final Set<String> COMPRESSION_TYPES = Set.of("none", "gzip", "snappy", "lz4", "zstd");

    private KafkaClientProperties() {
    }

    /**
     * Producer properties: acks=all with idempotence (per-partition order survives retries), 16 MB
     * requests, buffer.memory = producer-max-buffered-bytes, and timeouts derived from write-timeout so a
     * write is either acknowledged or failed within it.
     */
    public static Map<String, Object> producer(KafkaSettings live, String bootstrapServers) {
        KafkaSettings settings = live.snapshot();
        Map<String, Object> props = common(settings, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // Idempotence (not Mimir's choice, which is off with 20 in flight) keeps per-partition order across
        // retries, which Mimir's per-series sample order relies on; Kafka allows at most 5 in flight with it.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_MESSAGE_BYTES);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_SIZE_BYTES);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, bufferMemory(settings));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression(settings));
        props.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);

        // Kafka refuses delivery.timeout.ms < linger.ms + request.timeout.ms, so the request timeout gets
        // what is left of the write timeout after lingering; a single attempt can then use it all.
        long writeTimeoutMs = Math.max(settings.getWriteTimeout().toMillis(), LINGER_MS + 1);
        int deliveryTimeoutMs = (int) Math.min(writeTimeoutMs, Integer.MAX_VALUE);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeoutMs);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (deliveryTimeoutMs - LINGER_MS));
        // send() blocks for metadata and for buffer space; bounding it by the write timeout means a dead
        // broker or a full buffer cannot hold an HTTP thread longer than the write itself may take.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, writeTimeoutMs);
        return props;
    }

    /**
     * Consumer properties for partition readers: no auto-commit (readers commit what they have stored),
     * read_uncommitted, fetch sizes that fit the largest record, and fetch.max.wait.ms = fetch-max-wait.
     * The caller adds {@code group.id}, which is per partition.
     */
    public static Map<String, Object> consumer(KafkaSettings live, String bootstrapServers) {
        KafkaSettings settings = live.snapshot();
        Map<String, Object> props = common(settings, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Nothing in the ingest path writes transactionally (aborted transactions leave offset gaps that
        // Mimir counts as missed records). read_committed would only add a way to stall: an open
        // transaction from a foreign writer holds the last stable offset back, so readers could never
        // reach "last produced offset" (log end - 1) and strongly consistent reads would time out.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        // A committed offset that fell out of retention resumes at the oldest record kept, as Mimir's
        // reader does; the start-position setting is applied explicitly by the readers.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        int fetchMaxWaitMs = (int) Math.min(settings.getFetchMaxWait().toMillis(), Integer.MAX_VALUE - 5_000);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, fetchMaxWaitMs);
        // The broker may hold a fetch for fetch.max.wait.ms; the request must not time out before it answers.
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(CONSUMER_REQUEST_TIMEOUT_MS, fetchMaxWaitMs + 5_000));
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_MAX_BYTES);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_PARTITION_FETCH_BYTES);
        if (!settings.getClientRack().isBlank()) {
            props.put(ConsumerConfig.CLIENT_RACK_CONFIG, settings.getClientRack());
        }
        return props;
    }

    /**
     * A partition reader's consumer: {@link #consumer} plus the group that stores its offsets. The reader
     * assigns its partition directly, so the group never rebalances; it only keeps the committed offset.
     */
    public static Map<String, Object> partitionReader(KafkaSettings settings, String bootstrapServers, String group) {
        Map<String, Object> props = consumer(settings, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        return props;
    }

    /**
     * A partition reader's concurrent fetcher: {@link #consumer} without a group (it never commits; the reader
     * does), and with each request's MaxBytes ({@code max.partition.fetch.bytes}, and {@code fetch.max.bytes}
     * for the whole request) set to {@code maxBytes}, which the reader derives from its bytes-per-record estimate.
     * As with every fetch, a first record batch larger than that still arrives whole. No {@code client.rack}.
     */
    public static Map<String, Object> concurrentFetcher(KafkaSettings settings, String bootstrapServers, int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("a fetcher's max bytes must be positive, not " + maxBytes);
        }
        Map<String, Object> props = consumer(settings, bootstrapServers);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, maxBytes);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, maxBytes);
        // A fetcher only reads offsets below the high watermark, which the broker answers at once. The consumer
        // also sends a fetch past the range it was given, and one past the log end would be held for
        // fetch-max-wait, delaying the fetcher's next range behind it (one fetch in flight per broker).
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCHER_MAX_WAIT_MS);
        // From the leader only, as Mimir's concurrent fetchers (client-rack has no effect on them): a fetcher
        // takes "position = high watermark" as the end of the log, and a follower's high watermark may lag.
        props.remove(ConsumerConfig.CLIENT_RACK_CONFIG);
        return props;
    }

    /** Admin client properties: connection, identity and security only. */
    public static Map<String, Object> admin(KafkaSettings live, String bootstrapServers) {
        KafkaSettings settings = live.snapshot();
        return common(settings, bootstrapServers);
    }

    private static Map<String, Object> common(KafkaSettings settings, String bootstrapServers) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("No Kafka bootstrap servers: set ingest-storage.kafka.address");
        }
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        if (!settings.getClientId().isBlank()) {
            props.put(CommonClientConfigs.CLIENT_ID_CONFIG, settings.getClientId());
        }
        // Mimir's dial timeout is a fixed per-attempt bound; Kafka would otherwise grow it exponentially to
        // 30 s, leaving a dead seed broker to swallow most of a write timeout before the next one is tried.
        long dialMs = settings.getDialTimeout().toMillis();
        props.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, dialMs);
        props.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, dialMs);
        props.putAll(ClientSecurity.properties(settings));
        return props;
    }

    private static long bufferMemory(KafkaSettings settings) {
        long max = settings.getProducerMaxBufferedBytes();
        // 0 means "no limit" in Mimir; Kafka needs a number, and Long.MAX_VALUE never runs out.
        return max <= 0 ? Long.MAX_VALUE : max;
    }

    private static String compression(KafkaSettings settings) {
        String codec = settings.getProducerCompression().trim().toLowerCase(java.util.Locale.ROOT);
        if (codec.isEmpty()) {
            return "snappy"; // franz-go's default, so an unset flag compresses like Mimir does
        }
        if (!COMPRESSION_TYPES.contains(codec)) {
            throw new IllegalArgumentException("ingest-storage.kafka.producer-compression is '"
                    + settings.getProducerCompression() + "': allowed are none, gzip, snappy, lz4, zstd, or empty (snappy)");
        }
        return codec;
    }
}
