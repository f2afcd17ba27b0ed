package io.tributary.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.config.KafkaSettings;
import io.tributary.config.StartPosition;
import io.tributary.protocol.ScannedRequest;
import io.tributary.testproto.rw1.Label;
import io.tributary.testproto.rw1.Sample;
import io.tributary.testproto.rw1.TimeSeries;
import io.tributary.testproto.rw1.WriteRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A partition reader (MockConsumer-based, no broker) that is far behind hands its backlog to concurrent fetchers,
 * stores every record once in offset order, and goes back to its own consumer once caught up.
 */
class ConcurrentFetchingReaderTest {
    private static final TopicPartition TP = new TopicPartition("metrics", 0);

    private final LogConsumer.Log log = new LogConsumer.Log(TP);
    private final List<Long> stored = Collections.synchronizedList(new ArrayList<>());
    private final List<LogConsumer> readerConsumers = new CopyOnWriteArrayList<>();
    private final List<LogConsumer> fetcherConsumers = new CopyOnWriteArrayList<>();
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private PartitionReader reader;
    private Thread thread;

    @AfterEach
    void stopReader() throws InterruptedException {
        if (reader != null) {
            reader.stop();
            thread.join(10_000);
        }
    }

    private static byte[] writeRequest(long offset) {
        // About 10 kB per record, so 300 kB of max-buffered-bytes over 3 fetchers makes wants of about 10 records.
        return WriteRequest.newBuilder().addTimeseries(TimeSeries.newBuilder()
                .addLabels(Label.newBuilder().setName("__name__").setValue("padded"))
                .addLabels(Label.newBuilder().setName("pad").setValue("x".repeat(9_900)))
                .addSamples(Sample.newBuilder().setTimestamp(1_000 + offset).setValue(offset)))
                .build().toByteArray();
    }

    private void append(long from, long to) {
        for (long offset = from; offset < to; offset++) {
            log.append(offset, 0, writeRequest(offset));
        }
    }

    private void startReader(int fetchConcurrency) {
        KafkaSettings kafka = new KafkaSettings();
        kafka.setTopic(TP.topic());
        kafka.setFetchConcurrencyMax(fetchConcurrency);
        kafka.setMaxBufferedBytes(300_000);
        ReaderSettings settings = new ReaderSettings(TP.topic(), StartPosition.START, 0, Duration.ofMillis(100),
                Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), kafka);
        ReaderConsumers consumers = new ReaderConsumers() {
            @Override
            public Consumer<byte[], byte[]> reader(String group) {
                LogConsumer consumer = new LogConsumer(log, 5);
                readerConsumers.add(consumer);
                return consumer;
            }

            @Override
            public Consumer<byte[], byte[]> fetcher(int maxBytes) {
                LogConsumer consumer = new LogConsumer(log, 3);
                fetcherConsumers.add(consumer);
                return consumer;
            }
        };
        RecordSink sink = new RecordSink() {
            @Override
            public StoreResult store(int partition, long offset, String tenant, ScannedRequest record) {
                stored.add(offset);
                return new StoreResult(1, Map.of());
            }

            @Override
            public OptionalLong replayFrom(int partition) {
                return OptionalLong.empty();
            }

            @Override
            public void startingAt(int partition, long offset) {
            }
        };
        reader = new PartitionReader(TP.partition(), "group", consumers, (tp, timeout) -> log.end - 1, sink, settings,
                registry);
        thread = new Thread(reader, "test-reader");
        thread.start();
    }

    private void awaitConsumed(long offset) throws InterruptedException {
        assertThat(reader.awaitConsumed(offset, System.nanoTime() + Duration.ofSeconds(20).toNanos()))
                .as("consumed through offset %d", offset).isTrue();
    }

    private double meter(String name) {
        return registry.get("tributary.ingest.storage.reader." + name).tag("partition", "0").meter().measure()
                .iterator().next().getValue();
    }

    private int polledBy(List<LogConsumer> consumers) {
        return consumers.stream().mapToInt(c -> c.polledRecords.get()).sum();
    }

    @Test
    void a_backlog_is_read_by_fetchers_in_order_and_the_caught_up_reader_uses_its_own_consumer_again()
            throws InterruptedException {
        append(0, 300);
        startReader(3);

        awaitConsumed(299);

        assertThat(stored).isEqualTo(LongStream.range(0, 300).boxed().toList());
        assertThat(meter("concurrent.fetch.starts")).isEqualTo(1);
        assertThat(polledBy(fetcherConsumers)).as("the fetchers read most of the backlog").isGreaterThan(250);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (meter("concurrent.fetchers") != 0) {
            assertThat(System.nanoTime()).as("fetchers closed once caught up").isLessThan(deadline);
            Thread.sleep(10);
        }

        int readerPolled = polledBy(readerConsumers);
        int fetchersPolled = polledBy(fetcherConsumers);
        append(300, 305);
        awaitConsumed(304);

        assertThat(polledBy(readerConsumers)).as("new records come through the reader's consumer")
                .isEqualTo(readerPolled + 5);
        assertThat(polledBy(fetcherConsumers)).isEqualTo(fetchersPolled);
        assertThat(meter("concurrent.fetch.starts")).isEqualTo(1);
        assertThat(stored).isEqualTo(LongStream.range(0, 305).boxed().toList());
    }

    @Test
    void with_concurrency_zero_only_the_readers_consumer_reads() throws InterruptedException {
        append(0, 300);
        startReader(0);

        awaitConsumed(299);

        assertThat(stored).isEqualTo(LongStream.range(0, 300).boxed().toList());
        assertThat(fetcherConsumers).isEmpty();
        assertThat(meter("concurrent.fetch.starts")).isZero();
    }
}
