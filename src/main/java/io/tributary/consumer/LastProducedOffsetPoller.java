package io.tributary.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the broker for the last produced offset (log end - 1) of the owned partitions every
 * {@code last-produced-offset-poll-interval}, at a constant rate whatever the query rate, as Mimir's ingesters
 * do. A strong read waits for the next poll that <em>starts</em> after it arrived, so every record acknowledged
 * before the read is covered.
 */
final class LastProducedOffsetPoller implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(LastProducedOffsetPoller.class);

    private final Supplier<Admin> admin;
    private final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    private final Duration interval;
    private final Duration retryTimeout;
    private final Object lock = new Object();
    private List<CompletableFuture<Map<Integer, Long>>> waiting = new ArrayList<>();
    private volatile boolean stopping;

    LastProducedOffsetPoller(Supplier<Admin> admin, String topic, Set<Integer> partitions, Duration interval, Duration retryTimeout) {
        this.admin = admin;
        this.interval = interval;
        this.retryTimeout = retryTimeout;
        for (int p : partitions) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
    }

    /** The last produced offset per partition (-1 when empty), from the next poll to start. */
    CompletableFuture<Map<Integer, Long>> nextPoll() {
        CompletableFuture<Map<Integer, Long>> future = new CompletableFuture<>();
        synchronized (lock) {
            waiting.add(future);
        }
        return future;
    }

    void stop() {
        stopping = true;
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    @Override
    public void run() {
        while (!stopping) {
            long started = System.nanoTime();
            List<CompletableFuture<Map<Integer, Long>>> served;
            synchronized (lock) {
                served = waiting;
                waiting = new ArrayList<>();
            }
            if (!served.isEmpty()) {
                poll(served);
            }
            long sleepMs = interval.toMillis() - (System.nanoTime() - started) / 1_000_000;
            synchronized (lock) {
                if (sleepMs > 0 && !stopping) {
                    try {
                        lock.wait(sleepMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
        synchronized (lock) {
            waiting.forEach(f -> f.completeExceptionally(new IllegalStateException("the ingester is stopping")));
        }
    }

    private void poll(List<CompletableFuture<Map<Integer, Long>>> served) {
        try {
            ListOffsetsResult result = admin.get().listOffsets(request);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
                    result.all().get(retryTimeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<Integer, Long> lastProduced = new HashMap<>();
            offsets.forEach((tp, info) -> lastProduced.put(tp.partition(), info.offset() - 1));
            served.forEach(f -> f.complete(lastProduced));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("fetching the last produced offsets failed: {}", e.toString());
            served.forEach(f -> f.completeExceptionally(new IllegalStateException(
                    "could not fetch the last produced offsets from Kafka: " + e, e)));
        }
    }
}
