package io.tributary.consumer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.IntFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a partition's backlog with several consumers at once, as Mimir's concurrent fetchers do: the backlog is cut
 * into consecutive wants ({@link FetchWant}), each fetcher thread takes the next want, seeks its own consumer to the
 * want's start and polls until its position passes the want's end, and {@link #next} hands the wants' records to the
 * reader strictly in offset order, whichever fetcher finished first. The oldest want is handed over poll by poll as
 * it arrives, so the reader stores while the rest of it is fetched, as it does with its own consumer.
 * <p>
 * The fetchers never commit and belong to no group: the reader commits what it stored. No want is dispatched while
 * the fetched bytes not yet taken plus the expected (uncompressed) bytes of the wants in flight reach
 * {@code max-buffered-bytes}, nor while {@code fetch-concurrency-max} + 1 wants are out (one ready for the reader
 * while every fetcher reads the next: more would only hold memory when storing is the slower side), except that
 * one want may always be out, so the reader always progresses. Only whole wants are dispatched; once less than one want is left, {@link #drained}
 * tells the reader to go back to its plain consumer for the tail.
 * <p>
 * A fetch failure ends the fetchers: {@link #next} throws it, and the reader retries from its next offset as it
 * retries any failure.
 */
final class ConcurrentFetchers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConcurrentFetchers.class);
    private static final Duration FETCH_POLL = Duration.ofMillis(500);

    private final TopicPartition tp;
    private final FetchSizing sizing;
    private final BytesPerRecordEstimate estimate;
    private final IntFunction<Consumer<byte[], byte[]>> fetcherFactory;
    private final ConcurrentFetchMetrics metrics;
    private final List<Thread> threads = new ArrayList<>();
    private final Deque<FetchWant> pending = new ArrayDeque<>();
    private final Set<Consumer<byte[], byte[]>> consumers = new HashSet<>();

    private long nextStart;
    private long knownEnd;
    private long bufferedBytes;
    private long inFlightBytes;
    private RuntimeException failure;
    private boolean closed;
    private boolean wokenUp;

    /**
     * Starts {@code sizing.concurrency()} fetchers reading from {@code from}; {@code end} is the partition's high
     * watermark as last seen, which the fetchers push forward as they learn it.
     *
     * @param fetcherFactory builds a consumer whose requests fetch at most the given number of bytes
     */
    ConcurrentFetchers(TopicPartition tp, long from, long end, FetchSizing sizing, BytesPerRecordEstimate estimate,
            IntFunction<Consumer<byte[], byte[]>> fetcherFactory, ConcurrentFetchMetrics metrics) {
        if (!sizing.enabled()) {
            throw new IllegalArgumentException("fetch-concurrency-max is 0: the plain consumer reads the partition");
        }
        this.tp = tp;
        this.nextStart = from;
        this.knownEnd = end;
        this.sizing = sizing;
        this.estimate = estimate;
        this.fetcherFactory = fetcherFactory;
        this.metrics = metrics;
        for (int i = 0; i < sizing.concurrency(); i++) {
            Thread thread = new Thread(this::fetchWants, "partition-fetcher-" + tp.partition() + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        metrics.activeFetchers.set(threads.size());
        metrics.started();
        threads.forEach(Thread::start);
    }

    /**
     * The next records of the oldest want not yet taken whole, or an empty list when none arrived within
     * {@code timeout}. A want whose offsets were all compacted away or lost to retention yields nothing.
     *
     * @throws RuntimeException the failure of a fetcher, or a {@link WakeupException} after {@link #wakeup()}
     */
    synchronized List<ConsumerRecord<byte[], byte[]>> next(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (wokenUp) {
                wokenUp = false;
                throw new WakeupException();
            }
            FetchWant head = pending.peekFirst();
            if (head != null) {
                FetchWant.Chunk chunk = head.takeChunk();
                if (head.exhausted()) {
                    pending.removeFirst();
                    notifyAll();
                }
                if (chunk != null) {
                    bufferedBytes -= chunk.bytes();
                    metrics.bufferedBytes.set(bufferedBytes);
                    notifyAll();
                    return chunk.records();
                }
                if (head.exhausted()) {
                    continue; // a want with no records left (or none at all): on to the next one
                }
            }
            if (failure != null) {
                throw failure;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return List.of();
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            }
        }
    }

    /** True when every dispatched want was taken and less than one want is left up to the known end. */
    synchronized boolean drained() {
        return failure == null && pending.isEmpty() && !wantAvailable();
    }

    /** Makes the current or next {@link #next} throw a {@link WakeupException}, as a consumer's wakeup does. */
    synchronized void wakeup() {
        wokenUp = true;
        notifyAll();
    }

    synchronized long bufferedBytes() {
        return bufferedBytes;
    }

    /** The first offset no want covers yet. */
    synchronized long nextDispatchOffset() {
        return nextStart;
    }

    /** Stops the fetchers, waits for them to close their consumers, and drops what was not taken. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            consumers.forEach(Consumer::wakeup);
            notifyAll();
        }
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        synchronized (this) {
            pending.clear();
            bufferedBytes = 0;
            metrics.bufferedBytes.set(0);
        }
        metrics.activeFetchers.set(0);
    }

    private void fetchWants() {
        Consumer<byte[], byte[]> consumer = null;
        int consumerMaxBytes = 0;
        try {
            FetchWant want;
            while ((want = takeWant()) != null) {
                int needed = sizing.fetchMaxBytes(estimate.bytesPerRecord());
                if (consumer == null || FetchSizing.needsRebuild(consumerMaxBytes, needed)) {
                    closeQuietly(consumer);
                    consumer = open(needed);
                    consumerMaxBytes = needed;
                    if (consumer == null) {
                        return;
                    }
                }
                fetch(consumer, want, consumerMaxBytes);
            }
        } catch (WakeupException e) {
            // close() woke the consumer; nothing failed.
        } catch (RuntimeException e) {
            failed(e);
        } finally {
            closeQuietly(consumer);
        }
    }

    private synchronized FetchWant takeWant() {
        while (!closed && failure == null) {
            boolean room = pending.isEmpty() || (pending.size() <= sizing.concurrency()
                    && bufferedBytes + inFlightBytes < sizing.maxBufferedBytes());
            if (room && wantAvailable()) {
                long records = sizing.recordsPerWant(estimate.bytesPerRecord());
                long expectedBytes = (long) Math.ceil(records * estimate.memoryBytesPerRecord());
                FetchWant want = new FetchWant(nextStart, nextStart + records, expectedBytes);
                pending.addLast(want);
                nextStart = want.end;
                inFlightBytes += want.estimatedBytes;
                return want;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private boolean wantAvailable() {
        return knownEnd - nextStart >= sizing.recordsPerWant(estimate.bytesPerRecord());
    }

    private Consumer<byte[], byte[]> open(int maxBytes) {
        Consumer<byte[], byte[]> consumer = fetcherFactory.apply(maxBytes);
        synchronized (this) {
            if (closed) {
                consumer.close(Duration.ZERO);
                return null;
            }
            consumers.add(consumer);
        }
        consumer.assign(Set.of(tp));
        return consumer;
    }

    /**
     * Reads one want: offsets may have gaps (compaction, transaction markers, retention), so the want is done when
     * the consumer's position reaches its end, or when the log ends before it (nothing more to read).
     */
    private void fetch(Consumer<byte[], byte[]> consumer, FetchWant want, int maxBytes) {
        consumer.seek(tp, want.start);
        long records = 0;
        long bytes = 0;
        long discarded = 0;
        long position = want.start;
        while (position < want.end) {
            ConsumerRecords<byte[], byte[]> polled = consumer.poll(FETCH_POLL);
            List<ConsumerRecord<byte[], byte[]>> chunk = new ArrayList<>(polled.count());
            long chunkBytes = 0;
            for (ConsumerRecord<byte[], byte[]> record : polled.records(tp)) {
                if (record.offset() >= want.start && record.offset() < want.end) {
                    chunk.add(record);
                    chunkBytes += size(record);
                } else {
                    discarded += size(record);
                }
            }
            if (!chunk.isEmpty()) {
                arrived(want, new FetchWant.Chunk(chunk, chunkBytes));
                records += chunk.size();
                bytes += chunkBytes;
            }
            position = consumer.position(tp);
            if (polled.isEmpty() && position < want.end) {
                OptionalLong lag = consumer.currentLag(tp);
                if (lag.isPresent() && lag.getAsLong() <= 0) {
                    break;
                }
            }
        }
        long highWatermark = position + consumer.currentLag(tp).orElse(0);
        estimate.observe(bytes, records, consumer.metrics(), maxBytes);
        metrics.wantFetched(discarded);
        completed(want, highWatermark);
    }

    private synchronized void arrived(FetchWant want, FetchWant.Chunk chunk) {
        want.add(chunk);
        bufferedBytes += chunk.bytes();
        metrics.bufferedBytes.set(bufferedBytes);
        notifyAll();
    }

    private synchronized void completed(FetchWant want, long highWatermark) {
        want.complete();
        inFlightBytes -= want.estimatedBytes;
        knownEnd = Math.max(knownEnd, highWatermark);
        notifyAll();
    }

    private synchronized void failed(RuntimeException e) {
        if (closed) {
            return;
        }
        if (failure == null) {
            failure = e;
            log.debug("partition {}: concurrent fetch failed: {}", tp.partition(), e.toString());
        }
        notifyAll();
    }

    private void closeQuietly(Consumer<byte[], byte[]> consumer) {
        if (consumer == null) {
            return;
        }
        synchronized (this) {
            consumers.remove(consumer);
        }
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.debug("partition {}: closing a fetcher's consumer failed: {}", tp.partition(), e.toString());
        }
    }

    static long size(ConsumerRecord<byte[], byte[]> record) {
        return Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
    }
}
