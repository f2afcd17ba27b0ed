package io.tributary.distributor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tributary.kafka.KafkaFailureExplainer;
import io.tributary.kafka.TopicProvisioner;
import io.tributary.protocol.RecordVersion;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.context.SmartLifecycle;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Produces a request's records with explicit partitions (never the key partitioner: ingesters read only
 * their own partition), key = tenant, header {@code Version}, and waits for acks=all on every record.
 * It registers the writer metrics under Mimir's names with a {@code tributary_} prefix.
 */
public class KafkaPartitionWriter implements PartitionWriter, SmartLifecycle {

    /** Starts after the topic exists (TopicProvisioner) and before the web server takes requests. */
    public static final int PHASE = TopicProvisioner.PHASE + 1_000;

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Supplier<Producer<byte[], byte[]>> producerFactory;
    private volatile Producer<byte[], byte[]> producer;
    private final String topic;
    private final List<Header> versionHeader;
    private final Function<Throwable, String> explain;
    private final Supplier<Optional<String>> authenticationFailure;

    private final Timer successLatency;
    private final Timer failureLatency;
    private final Counter sentBytes;
    private final Counter recordsEnqueued;
    private final DistributionSummary recordsPerRequest;
    private final Map<WriteOutcome.Reason, Counter> recordsFailed = new EnumMap<>(WriteOutcome.Reason.class);

    /**
     * @param producerFactory makes the producer at {@link #start()}: the bootstrap address of an embedded
     *                        broker is only known once the broker runs
     * @param explain         a Kafka failure in the words the remote-write client gets back (it reaches an
     *                        operator through the sender's logs), naming the setting to fix
     * @param authenticationFailure asked while acknowledgements are slow: why this instance cannot
     *                        authenticate to Kafka, if that is the case (the producer itself would only time out)
     */
    public KafkaPartitionWriter(Supplier<Producer<byte[], byte[]>> producerFactory, String topic, int recordVersion,
                                MeterRegistry registry, Function<Throwable, String> explain,
                                Supplier<Optional<String>> authenticationFailure) {
        this.producerFactory = producerFactory;
        this.explain = explain;
        this.authenticationFailure = authenticationFailure;
        this.topic = topic;
        // Version 0 is defined as "no header"; 1 and 2 carry a 4-byte big-endian header.
        this.versionHeader = recordVersion == 0 ? List.of() : List.of(new RecordHeader(
                RecordVersion.HEADER_KEY, ByteBuffer.allocate(4).putInt(recordVersion).array()));
        String prefix = "tributary.ingest.storage.writer.";
        this.successLatency = latency(registry, prefix, "success");
        this.failureLatency = latency(registry, prefix, "failure");
        this.sentBytes = Counter.builder(prefix + "sent.bytes").baseUnit("bytes")
                .description("Bytes of record values sent to Kafka (before compression).")
                .register(registry);
        this.recordsEnqueued = Counter.builder(prefix + "produce.records.enqueued")
                .description("Records handed to the Kafka producer.")
                .register(registry);
        this.recordsPerRequest = DistributionSummary.builder(prefix + "records.per.write.request")
                .description("Records one remote-write request became: partitions touched, plus splits at the record size limit.")
                .register(registry);
        for (WriteOutcome.Reason reason : WriteOutcome.Reason.values()) {
            recordsFailed.put(reason, Counter.builder(prefix + "produce.records.failed")
                    .description("Records Kafka did not acknowledge, by reason; each one failed a write request.")
                    .tag("reason", reason.label())
                    .register(registry));
        }
    }

    private static Timer latency(MeterRegistry registry, String prefix, String outcome) {
        return Timer.builder(prefix + "latency")
                .description("Time from handing a request's records to the producer until all were acknowledged (success) or one failed (failure).")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }

    @Override
    public synchronized void start() {
        producer = producerFactory.get();
    }

    /**
     * Replaces the producer with one the factory builds now (from settings just applied). Writes already handed
     * to the old producer are still sent and acknowledged while it closes; a write that catches it closed fails
     * with a retryable status, so the sender sends it again to the new one.
     */
    public synchronized void reconnect() {
        Producer<byte[], byte[]> old = producer;
        if (old == null) {
            return;
        }
        producer = producerFactory.get();
        old.close(CLOSE_TIMEOUT);
    }

    @Override
    public synchronized void stop() {
        Producer<byte[], byte[]> current = producer;
        producer = null;
        if (current != null) {
            // Sends what is buffered first: those records belong to requests still waiting for their acks.
            current.close(CLOSE_TIMEOUT);
        }
    }

    @Override
    public boolean isRunning() {
        return producer != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public WriteOutcome write(String tenant, List<PartitionRecord> records, Duration timeout) {
        long start = System.nanoTime();
        recordsPerRequest.record(records.size());
        if (records.isEmpty()) {
            return new WriteOutcome(0, 0, 0, null);
        }
        Producer<byte[], byte[]> producer = this.producer;
        if (producer == null) {
            recordsFailed.get(WriteOutcome.Reason.OTHER).increment(records.size());
            return new WriteOutcome(0, 0, 0, new WriteOutcome.Failure(WriteOutcome.Reason.OTHER,
                    "the Kafka producer is not running (starting up or shutting down)"));
        }
        byte[] key = tenant.getBytes(StandardCharsets.UTF_8);
        Acks acks = new Acks(records.size(), producer);
        long bytes = 0;
        int enqueued = 0;
        long deadline = start + timeout.toNanos();
        for (PartitionRecord record : records) {
            if (System.nanoTime() - deadline > 0) {
                // send() may block up to max.block.ms each (metadata or buffer space while a broker is away);
                // once the request's time is up, the remaining records are not handed over at all.
                acks.fail(WriteOutcome.Reason.TIMEOUT, new TimeoutException(
                        "the request's " + timeout.toMillis() + " ms (distributor.remote-timeout) ran out before this record was sent"));
                continue;
            }
            ProducerRecord<byte[], byte[]> producerRecord =
                    new ProducerRecord<>(topic, record.partition(), null, key, record.value(), versionHeader);
            try {
                producer.send(producerRecord, acks.callbackFor(record));
                enqueued++;
                bytes += record.value().length;
            } catch (RuntimeException e) {
                // Errors the client throws instead of reporting through the callback (interrupts, closed producer).
                acks.fail(classify(e), e);
            }
        }
        // Only what the producer took: records skipped at the deadline or refused by send() never left.
        recordsEnqueued.increment(enqueued);
        sentBytes.increment(bytes);
        WriteOutcome outcome = acks.await(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), timeout);
        (outcome.succeeded() ? successLatency : failureLatency).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return outcome;
    }

    static WriteOutcome.Reason classify(Throwable error) {
        if (KafkaFailureExplainer.isAuthenticationFailure(error)) {
            return WriteOutcome.Reason.AUTHENTICATION;
        }
        if (error instanceof BufferExhaustedException) {
            return WriteOutcome.Reason.BUFFER_FULL;
        }
        if (error instanceof RecordTooLargeException) {
            return WriteOutcome.Reason.RECORD_TOO_LARGE;
        }
        if (error instanceof TimeoutException) {
            return WriteOutcome.Reason.TIMEOUT;
        }
        if (error instanceof InterruptException) {
            return WriteOutcome.Reason.CANCELED;
        }
        return WriteOutcome.Reason.OTHER;
    }

    /**
     * Slow acknowledgements are the only sign of an authentication failure on the producer's side, so after
     * {@link #AUTHENTICATION_CHECK_EVERY} the writer asks why, and fails the write with the explanation at once
     * instead of after the whole write timeout. Records already handed over stay in the producer: if the
     * credentials come back before the delivery timeout they are still written, as after any timeout.
     */
    private static final Duration AUTHENTICATION_CHECK_EVERY = Duration.ofMillis(500);

    /** The producer's own count of failed authentications, as a rate over Kafka's metric window (about a minute). */
    static boolean failedAuthenticationLately(Producer<?, ?> producer) {
        for (Map.Entry<MetricName, ? extends Metric> metric : producer.metrics().entrySet()) {
            MetricName name = metric.getKey();
            if (name.name().equals("failed-authentication-rate") && name.group().equals("producer-metrics")) {
                return metric.getValue().metricValue() instanceof Double rate && rate > 0;
            }
        }
        return false;
    }

    /** The acknowledgements of one request: counts of what was acked and the first failure. */
    private final class Acks {
        private final CountDownLatch pending;
        private long samples;
        private long histograms;
        private long exemplars;
        private WriteOutcome.Failure failure;
        /** Given up on (authentication failed): late callbacks must not count these records a second time. */
        private boolean abandoned;

        private final Producer<byte[], byte[]> producer;

        Acks(int records, Producer<byte[], byte[]> producer) {
            this.pending = new CountDownLatch(records);
            this.producer = producer;
        }

        Callback callbackFor(PartitionRecord record) {
            return (RecordMetadata metadata, Exception error) -> {
                if (error == null) {
                    acknowledged(record);
                } else {
                    fail(classify(error), error);
                }
            };
        }

        private synchronized void acknowledged(PartitionRecord record) {
            if (abandoned) {
                return;
            }
            samples += record.samples();
            histograms += record.histograms();
            exemplars += record.exemplars();
            pending.countDown();
        }

        synchronized void fail(WriteOutcome.Reason reason, Throwable error) {
            if (abandoned) {
                return;
            }
            recordsFailed.get(reason).increment();
            if (failure == null) {
                failure = new WriteOutcome.Failure(reason, "failed pushing to topic " + topic + ": " + explain.apply(error));
            }
            pending.countDown();
        }

        /** True when every record was acknowledged or failed in time; false on timeout or authentication failure. */
        private boolean awaitUnlessAuthenticationFails(Duration remaining) throws InterruptedException {
            long deadline = System.nanoTime() + remaining.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                if (pending.await(Math.min(Math.max(left, 0), AUTHENTICATION_CHECK_EVERY.toNanos()), TimeUnit.NANOSECONDS)) {
                    return true;
                }
                if (deadline - System.nanoTime() <= 0) {
                    return false;
                }
                // Only asked when the producer itself failed to authenticate lately: the answer may take a
                // round trip to Kafka, which a write slowed by an unreachable broker should not wait for.
                Optional<String> why = failedAuthenticationLately(producer) ? authenticationFailure.get() : Optional.empty();
                if (why.isPresent()) {
                    synchronized (this) {
                        long unacknowledged = pending.getCount();
                        recordsFailed.get(WriteOutcome.Reason.AUTHENTICATION).increment(unacknowledged);
                        abandoned = true;
                        failure = new WriteOutcome.Failure(WriteOutcome.Reason.AUTHENTICATION, unacknowledged
                                + " record(s) not acknowledged: pushing to topic " + topic + " failed: " + why.get());
                    }
                    return false;
                }
            }
        }

        WriteOutcome await(Duration remaining, Duration timeout) {
            try {
                if (!awaitUnlessAuthenticationFails(remaining)) {
                    synchronized (this) {
                        if (failure != null && failure.reason() == WriteOutcome.Reason.AUTHENTICATION) {
                            return new WriteOutcome(samples, histograms, exemplars, failure);
                        }
                        long unacknowledged = pending.getCount();
                        recordsFailed.get(WriteOutcome.Reason.TIMEOUT).increment(unacknowledged);
                        return new WriteOutcome(samples, histograms, exemplars, new WriteOutcome.Failure(
                                WriteOutcome.Reason.TIMEOUT, unacknowledged + " record(s) not acknowledged by Kafka within "
                                + timeout.toMillis() + " ms (distributor.remote-timeout)"));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                synchronized (this) {
                    return new WriteOutcome(samples, histograms, exemplars,
                            new WriteOutcome.Failure(WriteOutcome.Reason.CANCELED, "interrupted while waiting for Kafka"));
                }
            }
            synchronized (this) {
                return new WriteOutcome(samples, histograms, exemplars, failure);
            }
        }
    }
}
