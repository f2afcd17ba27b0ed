package io.tributary.storage;

import static io.tributary.storage.HeadFixtures.BLOCK_START;
import static io.tributary.storage.HeadFixtures.TWO_HOURS;
import static io.tributary.storage.HeadFixtures.bits;
import static io.tributary.storage.HeadFixtures.scrape;
import static io.tributary.storage.HeadFixtures.timestamps;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TenantHeadConcurrencyTest {
    private static final int CONSUMERS = 4;
    private static final int SCRAPES = 1500;

    private final TenantHead head = new TenantHead("team-payments", new HeadOptions(TWO_HOURS, 0));
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void concurrentConsumersAndAQueryStoreEveryAcceptedSampleExactlyOnce() throws Exception {
        Map<Labels, Integer> accepted = new ConcurrentHashMap<>();
        AtomicBoolean appending = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> consumers = new ArrayList<>();
        for (int consumer = 0; consumer < CONSUMERS; consumer++) {
            int partition = consumer;
            consumers.add(pool.submit(() -> {
                start.await();
                Map<Labels, Integer> mine = new HashMap<>();
                for (int i = 0; i < SCRAPES; i++) {
                    for (int pod = 0; pod < 20; pod++) {
                        // Each partition's own series, and series every partition writes (a resent batch).
                        count(mine, ownSeries(partition, pod), head.appendFloat(ownSeries(partition, pod), scrape(i),
                                bits(i)));
                        count(mine, sharedSeries(pod), head.appendFloat(sharedSeries(pod), scrape(i),
                                bits(partition)));
                    }
                }
                mine.forEach((labels, n) -> accepted.merge(labels, n, Integer::sum));
                return null;
            }));
        }
        Future<?> reader = pool.submit(() -> {
            start.await();
            while (appending.get()) {
                for (SeriesChunks series : head.querier().select(Long.MIN_VALUE, Long.MAX_VALUE, List.of(
                        LabelMatcher.of(LabelMatcher.Type.REGEX, "pod", "pod-1.*")))) {
                    assertStrictlyIncreasing(timestamps(series));
                }
            }
            return null;
        });

        start.countDown();
        for (Future<?> consumer : consumers) {
            consumer.get(2, TimeUnit.MINUTES);
        }
        appending.set(false);
        reader.get(1, TimeUnit.MINUTES);

        List<SeriesChunks> stored = head.querier().select(Long.MIN_VALUE, Long.MAX_VALUE, List.of());
        assertThat(stored).hasSize(CONSUMERS * 20 + 20);
        for (SeriesChunks series : stored) {
            List<Long> timestamps = timestamps(series);
            assertStrictlyIncreasing(timestamps);
            assertThat(timestamps).as("%s", series.labels()).hasSize(accepted.get(series.labels()));
        }
        assertThat(accepted.get(ownSeries(0, 0))).isEqualTo(SCRAPES);
    }

    @Test
    void blocksCutWhileConsumersAppendHoldEveryAcceptedSampleExactlyOnce() throws Exception {
        Map<Labels, Integer> accepted = new ConcurrentHashMap<>();
        AtomicBoolean appending = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> consumers = new ArrayList<>();
        long minute = 60_000;
        for (int consumer = 0; consumer < CONSUMERS; consumer++) {
            int partition = consumer;
            consumers.add(pool.submit(() -> {
                start.await();
                Map<Labels, Integer> mine = new HashMap<>();
                for (int i = 0; i < SCRAPES; i++) {
                    long t = BLOCK_START + i * minute;
                    for (int pod = 0; pod < 10; pod++) {
                        count(mine, ownSeries(partition, pod), head.appendFloat(ownSeries(partition, pod), t, bits(i)));
                    }
                    // Short-lived series, so truncation removes series while others are being created.
                    Labels job = Labels.of("__name__", "batch_job_runs_total", "partition", "p" + partition,
                            "run", "run-" + i / 90);
                    count(mine, job, head.appendFloat(job, t, bits(i)));
                }
                mine.forEach((labels, n) -> accepted.merge(labels, n, Integer::sum));
                return null;
            }));
        }
        List<SeriesChunks> blocks = new ArrayList<>();
        Future<Long> cutter = pool.submit(() -> {
            start.await();
            long lastCut = Long.MIN_VALUE;
            while (appending.get()) {
                long maxTime = head.maxTime();
                if (maxTime == Long.MIN_VALUE) {
                    continue;
                }
                long boundary = Math.floorDiv(maxTime - 30 * minute, TWO_HOURS) * TWO_HOURS;
                if (boundary > lastCut && boundary > BLOCK_START) {
                    // The order docs/head.md asks of a block cutter.
                    head.setMinValidTime(boundary);
                    blocks.addAll(head.chunksForRange(lastCut, boundary));
                    head.truncateBefore(boundary);
                    lastCut = boundary;
                }
            }
            return lastCut;
        });

        start.countDown();
        for (Future<?> consumer : consumers) {
            consumer.get(2, TimeUnit.MINUTES);
        }
        appending.set(false);
        long lastCut = cutter.get(1, TimeUnit.MINUTES);
        assertThat(lastCut).as("blocks were cut while appending").isGreaterThan(BLOCK_START + TWO_HOURS);
        // On a busy machine the cutter may trail the consumers by a range or more when they stop; the block
        // cutter loop would catch up on its next round, so do that round here before counting series.
        long finalCut = Math.floorDiv(head.maxTime() - 30 * minute, TWO_HOURS) * TWO_HOURS;
        if (finalCut > lastCut) {
            head.setMinValidTime(finalCut);
            blocks.addAll(head.chunksForRange(lastCut, finalCut));
            head.truncateBefore(finalCut);
            lastCut = finalCut;
        }
        blocks.addAll(head.chunksForRange(lastCut, Long.MAX_VALUE));

        Map<Labels, List<Long>> stored = new HashMap<>();
        for (SeriesChunks series : blocks) {
            stored.computeIfAbsent(series.labels(), l -> new ArrayList<>()).addAll(timestamps(series));
        }
        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(accepted.keySet());
        stored.forEach((labels, timestamps) -> {
            assertThat(timestamps).as("%s", labels).hasSize(accepted.get(labels)).doesNotHaveDuplicates();
        });
        // 10 pods and the current run per consumer, plus at most the previous run when the last cut came before
        // its last sample aged out: which one is left depends on thread timing, the bound does not.
        assertThat(head.numSeries()).as("idle batch series were removed").isLessThanOrEqualTo(CONSUMERS * 12);
    }

    private static Labels ownSeries(int partition, int pod) {
        return Labels.of("__name__", "http_requests_total", "job", "api", "partition", "p" + partition,
                "pod", "pod-" + pod);
    }

    private static Labels sharedSeries(int pod) {
        return Labels.of("__name__", "up", "job", "api", "pod", "pod-" + pod);
    }

    private static void count(Map<Labels, Integer> accepted, Labels labels, AppendOutcome outcome) {
        if (outcome == AppendOutcome.APPENDED) {
            accepted.merge(labels, 1, Integer::sum);
        }
    }

    private static void assertStrictlyIncreasing(List<Long> timestamps) {
        for (int i = 1; i < timestamps.size(); i++) {
            assertThat(timestamps.get(i)).isGreaterThan(timestamps.get(i - 1));
        }
    }
}
