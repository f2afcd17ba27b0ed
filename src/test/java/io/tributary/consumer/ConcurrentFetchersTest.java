package io.tributary.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Concurrent fetchers on an in-memory log: order, gaps, the buffered-bytes bound, failures and the tail. */
class ConcurrentFetchersTest {
    private static final TopicPartition TP = new TopicPartition("metrics", 2);
    /** Every record is this many key and value bytes, so the uncompressed estimate stays exactly at 10 kB. */
    private static final int RECORD_BYTES = 10_000;

    private final LogConsumer.Log log = new LogConsumer.Log(TP);
    private final List<Integer> requestedMaxBytes = new CopyOnWriteArrayList<>();
    private final ConcurrentFetchMetrics metrics = new ConcurrentFetchMetrics(new SimpleMeterRegistry(), 2, () -> 0);
    private ConcurrentFetchers fetchers;

    @AfterEach
    void closeFetchers() {
        if (fetchers != null) {
            fetchers.close();
        }
    }

    private ConcurrentFetchers start(long from, int concurrency, long maxBufferedBytes) {
        fetchers = new ConcurrentFetchers(TP, from, log.end, new FetchSizing(concurrency, maxBufferedBytes),
                new BytesPerRecordEstimate(false), this::fetcher, metrics);
        return fetchers;
    }

    private Consumer<byte[], byte[]> fetcher(int maxBytes) {
        requestedMaxBytes.add(maxBytes);
        return new LogConsumer(log, 3);
    }

    private List<Long> takeUntilDrained() {
        List<Long> offsets = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!fetchers.drained()) {
            assertThat(System.nanoTime()).as("drained in time").isLessThan(deadline);
            for (ConsumerRecord<byte[], byte[]> record : fetchers.next(Duration.ofMillis(100))) {
                offsets.add(record.offset());
            }
        }
        return offsets;
    }

    @Test
    void records_arrive_in_offset_order_exactly_once_when_later_ranges_finish_first_and_offsets_have_gaps() {
        for (long offset = 0; offset < 300; offset++) {
            boolean compacted = offset % 7 == 3 || (offset >= 100 && offset < 120);
            if (!compacted) {
                log.append(offset, RECORD_BYTES, null);
            }
        }
        // 400 kB over 4 fetchers: wants of 100 kB, 10 records; the first is held until later ones have arrived.
        CountDownLatch firstWant = log.hold(0);
        start(0, 4, 400_000);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (fetchers.bufferedBytes() < 3 * 8 * RECORD_BYTES) {
            assertThat(System.nanoTime()).as("later wants arrive while the first is held").isLessThan(deadline);
            assertThat(fetchers.next(Duration.ofMillis(20))).as("nothing before the first want").isEmpty();
        }
        firstWant.countDown();

        List<Long> taken = takeUntilDrained();

        assertThat(taken).isEqualTo(log.offsets());
        assertThat(fetchers.nextDispatchOffset()).isEqualTo(300);
    }

    @Test
    void the_oldest_want_is_handed_over_poll_by_poll_before_it_is_complete() {
        for (long offset = 0; offset < 100; offset++) {
            log.append(offset, RECORD_BYTES, null);
        }
        CountDownLatch restOfFirstWant = log.hold(3); // fetchers poll 3 records at a time; wants are 10 records
        start(0, 2, 200_000);

        assertThat(fetchers.next(Duration.ofSeconds(5))).extracting(ConsumerRecord::offset).containsExactly(0L, 1L, 2L);
        restOfFirstWant.countDown();

        assertThat(takeUntilDrained()).isEqualTo(log.offsets().subList(3, 100));
    }

    @Test
    void only_whole_wants_are_fetched_and_the_tail_is_left_to_the_readers_consumer() {
        for (long offset = 0; offset < 105; offset++) {
            log.append(offset, RECORD_BYTES, null);
        }
        start(0, 3, 300_000); // 10 records per want

        List<Long> taken = takeUntilDrained();

        assertThat(taken).hasSize(100).startsWith(0L).endsWith(99L);
        assertThat(fetchers.nextDispatchOffset()).isEqualTo(100);
    }

    @Test
    void fetching_pauses_while_fetched_but_untaken_bytes_reach_max_buffered_bytes() throws InterruptedException {
        for (long offset = 0; offset < 400; offset++) {
            log.append(offset, RECORD_BYTES, null);
        }
        // Sized by compressed bytes, 2.5 kB a record on the wire but 10 kB in memory: 400 kB over 4 fetchers makes
        // wants of 100 kB on the wire, 40 records, 400 kB once fetched. One such want fills max-buffered-bytes,
        // although 4 fetchers could hold 5.
        BytesPerRecordEstimate estimate = new BytesPerRecordEstimate(true);
        for (int i = 0; i < 200; i++) {
            estimate.observe(40L * RECORD_BYTES, 40, BytesPerRecordEstimateTest.fetchMetrics(400_000, 40), 100_000);
        }
        FetchSizing sizing = new FetchSizing(4, 400_000);
        long perWant = sizing.recordsPerWant(estimate.bytesPerRecord());
        assertThat(perWant).isBetween(39L, 40L);
        fetchers = new ConcurrentFetchers(TP, 0, log.end, sizing, estimate, this::fetcher, metrics);
        Thread.sleep(500);

        // A want goes out while less than max-buffered-bytes is held, so one want's bytes may go over it.
        assertThat(fetchers.bufferedBytes()).isLessThanOrEqualTo(400_000 + perWant * RECORD_BYTES);
        assertThat(fetchers.nextDispatchOffset()).as("not the 5 wants 4 fetchers may hold").isLessThanOrEqualTo(2 * perWant);
        long dispatched = fetchers.nextDispatchOffset();

        List<Long> taken = new ArrayList<>();
        while (taken.size() < perWant) {
            fetchers.next(Duration.ofSeconds(5)).forEach(record -> taken.add(record.offset()));
        }
        assertThat(taken).as("the first want, no more").hasSize((int) perWant).startsWith(0L);
        Thread.sleep(500);

        assertThat(fetchers.nextDispatchOffset()).as("taking a want makes room").isGreaterThan(dispatched)
                .isLessThanOrEqualTo(dispatched + perWant);
        assertThat(fetchers.bufferedBytes()).isLessThanOrEqualTo(400_000 + perWant * RECORD_BYTES);
    }

    @Test
    void at_most_one_want_more_than_fetchers_is_out() throws InterruptedException {
        for (long offset = 0; offset < 200; offset++) {
            log.append(offset, RECORD_BYTES, null);
        }
        start(0, 4, 1_000_000_000L); // 419 records per want at 10 kB: wants of 1 record need a smaller estimate
        Thread.sleep(300);

        assertThat(fetchers.nextDispatchOffset()).as("less than one want: nothing dispatched").isZero();
        assertThat(fetchers.drained()).isTrue();
    }

    @Test
    void each_fetcher_asks_for_at_least_one_megabyte_per_request() {
        for (long offset = 0; offset < 40; offset++) {
            log.append(offset, RECORD_BYTES, null);
        }
        start(0, 2, 200_000);

        takeUntilDrained();

        assertThat(requestedMaxBytes).isNotEmpty().allMatch(bytes -> bytes == FetchSizing.MIN_FETCH_BYTES);
    }

    @Test
    void a_failed_fetch_is_thrown_to_the_reader() {
        for (long offset = 0; offset < 100; offset++) {
            log.append(offset, RECORD_BYTES, null);
        }
        fetchers = new ConcurrentFetchers(TP, 0, log.end, new FetchSizing(2, 200_000), new BytesPerRecordEstimate(false),
                maxBytes -> {
                    LogConsumer consumer = new LogConsumer(log, 3);
                    consumer.setPollException(new KafkaException("broker gone"));
                    return consumer;
                }, metrics);

        assertThatThrownBy(() -> {
            while (true) {
                fetchers.next(Duration.ofMillis(100));
            }
        }).isInstanceOf(KafkaException.class).hasMessage("broker gone");
    }

    @Test
    void wakeup_interrupts_the_reader_waiting_for_records() {
        log.append(0, RECORD_BYTES, null);
        log.hold(0);
        for (long offset = 1; offset < 100; offset++) {
            log.append(offset, RECORD_BYTES, null);
        }
        start(0, 2, 200_000);
        fetchers.wakeup();

        assertThatThrownBy(() -> fetchers.next(Duration.ofSeconds(5))).isInstanceOf(WakeupException.class);
        log.held.get(0L).countDown();
    }
}
