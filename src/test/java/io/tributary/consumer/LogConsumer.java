package io.tributary.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * A {@link MockConsumer} reading one partition from a shared in-memory log, as a broker would serve it: each poll
 * returns up to {@code batch} records from the position on, offsets may have gaps (a poll past the last record
 * moves the position to the log end, as control batches do), and a poll at a held offset waits until the test
 * releases it, so fetches can be made to finish in any order.
 */
final class LogConsumer extends MockConsumer<byte[], byte[]> {

    /** The partition's records by offset, and the offsets where a poll must wait for the test. */
    static final class Log {
        final TopicPartition tp;
        final ConcurrentSkipListMap<Long, ConsumerRecord<byte[], byte[]>> records = new ConcurrentSkipListMap<>();
        final Map<Long, CountDownLatch> held = new java.util.concurrent.ConcurrentHashMap<>();
        volatile long end;

        Log(TopicPartition tp) {
            this.tp = tp;
        }

        /**
         * Appends a record at {@code offset} (offsets only grow): {@code value}, or when null, zeros making exactly
         * {@code bytes} key and value bytes.
         */
        void append(long offset, int bytes, byte[] value) {
            byte[] key = "tenant-1".getBytes();
            byte[] v = value != null ? value : new byte[Math.max(0, bytes - key.length)];
            int valueSize = v.length;
            records.put(offset, new ConsumerRecord<>(tp.topic(), tp.partition(), offset, System.currentTimeMillis(),
                    TimestampType.CREATE_TIME, key.length, valueSize, key, v, new RecordHeaders(), Optional.empty()));
            end = Math.max(end, offset + 1);
        }

        List<Long> offsets() {
            return new ArrayList<>(records.keySet());
        }

        CountDownLatch hold(long offset) {
            CountDownLatch latch = new CountDownLatch(1);
            held.put(offset, latch);
            return latch;
        }
    }

    private final Log log;
    private final int batch;
    /** Records this consumer returned. */
    final AtomicInteger polledRecords = new AtomicInteger();

    LogConsumer(Log log, int batch) {
        super(AutoOffsetResetStrategy.EARLIEST.name());
        this.log = log;
        this.batch = batch;
        updateBeginningOffsets(Map.of(log.tp, log.records.isEmpty() ? 0L : log.records.firstKey()));
        updateEndOffsets(Map.of(log.tp, log.end));
    }

    @Override
    public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        // Read once, before the records: append() puts a record before it raises end, so every offset below this
        // snapshot that the map lacks is a real gap, not a record being appended while this poll looks.
        long end = log.end;
        updateEndOffsets(Map.of(log.tp, end));
        if (!assignment().contains(log.tp)) {
            return super.poll(timeout);
        }
        long position = position(log.tp);
        CountDownLatch held = log.held.get(position);
        if (held != null) {
            awaitQuietly(held);
        }
        List<ConsumerRecord<byte[], byte[]>> served = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : log.records.tailMap(position).values()) {
            if (served.size() == batch) {
                break;
            }
            served.add(record);
        }
        ConsumerRecords<byte[], byte[]> result = super.poll(Duration.ZERO); // wakeup and closed checks
        if (!result.isEmpty()) {
            throw new IllegalStateException("records were added to the MockConsumer directly");
        }
        if (served.isEmpty()) {
            if (position < end) {
                seek(log.tp, end);
            } else {
                sleepQuietly(Math.min(timeout.toMillis(), 5));
            }
            return ConsumerRecords.empty();
        }
        seek(log.tp, served.get(served.size() - 1).offset() + 1);
        polledRecords.addAndGet(served.size());
        return new ConsumerRecords<>(Map.of(log.tp, served), Map.of());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a held fetch was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
