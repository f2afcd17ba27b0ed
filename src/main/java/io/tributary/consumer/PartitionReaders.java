package io.tributary.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tributary.config.KafkaSettings;
import io.tributary.config.Target;
import io.tributary.config.TributaryProperties;
import io.tributary.kafka.TopicProvisioner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The partition readers of this process (one thread per owned partition) and the last-produced-offset poller
 * behind strong reads. Starts after the topic is provisioned and before the web server takes traffic; stops
 * before the broker, committing each reader's offset.
 */
public class PartitionReaders implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(PartitionReaders.class);

    /** After the topic provisioner, so the partition count is known. */
    public static final int PHASE = TopicProvisioner.PHASE + 500;

    private final KafkaSettings kafka;
    private final TributaryProperties tributary;
    private final TopicProvisioner topic;
    private final ReaderConsumers consumerFactory;
    private final Supplier<Admin> adminFactory;
    private final RecordSink sink;
    private final MeterRegistry registry;
    private final Map<Integer, PartitionReader> readers = new LinkedHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    /** The thread currently running each partition's reader; replaced when an operator restarts one. */
    private final Map<Integer, Thread> readerThreads = new LinkedHashMap<>();
    private final Timer strongWait;
    private final Timer strongWaitFailed;
    private volatile Admin admin;
    private LastProducedOffsetPoller poller;
    private volatile boolean running;

    public PartitionReaders(KafkaSettings kafka, TributaryProperties tributary, TopicProvisioner topic,
            ReaderConsumers consumerFactory, Supplier<Admin> adminFactory, RecordSink sink,
            MeterRegistry registry) {
        this.kafka = kafka;
        this.tributary = tributary;
        this.topic = topic;
        this.consumerFactory = consumerFactory;
        this.adminFactory = adminFactory;
        this.sink = sink;
        this.registry = registry;
        this.strongWait = strongTimer(registry, "success");
        this.strongWaitFailed = strongTimer(registry, "failure");
    }

    private static Timer strongTimer(MeterRegistry registry, String outcome) {
        return Timer.builder("tributary.ingest.storage.strong.consistency.wait.duration")
                .description("Time strong reads waited for the owned partitions to be consumed up to the last "
                        + "offset produced when the read arrived.")
                .tag("outcome", outcome).publishPercentiles(0.5, 0.99).register(registry);
    }

    @Override
    public synchronized void start() {
        SortedSet<Integer> owned = PartitionOwnership.owned(tributary, topic.partitionCount());
        boolean singleFromId = tributary.getOwnedPartitions().isEmpty() && owned.size() == 1
                && tributary.getTarget() != Target.ALL;
        ReaderSettings settings = ReaderSettings.from(kafka);
        admin = adminFactory.get();
        LastProducedOffsetSource lastProduced = new AdminLastProducedOffsetSource(() -> admin);
        for (int partition : owned) {
            String group = PartitionOwnership.consumerGroup(kafka.getConsumerGroup(), instanceId(), partition, singleFromId);
            PartitionReader reader = new PartitionReader(partition, group, consumerFactory, lastProduced, sink, settings,
                    registry);
            readers.put(partition, reader);
            Thread thread = new Thread(reader, "partition-reader-" + partition);
            thread.setDaemon(true);
            threads.add(thread);
            readerThreads.put(partition, thread);
        }
        poller = new LastProducedOffsetPoller(() -> admin, kafka.getTopic(), owned, kafka.getLastProducedOffsetPollInterval(),
                kafka.getLastProducedOffsetRetryTimeout());
        Thread pollerThread = new Thread(poller, "last-produced-offset-poller");
        pollerThread.setDaemon(true);
        threads.add(pollerThread);
        threads.forEach(Thread::start);
        running = true;
        log.info("reading partitions {} of topic {}", owned, kafka.getTopic());
    }

    private String instanceId() {
        String id = tributary.getInstanceId();
        return id == null || id.isEmpty() ? "tributary" : id;
    }

    /**
     * Rebuilds every Kafka client of the readers from the settings in effect now: the admin client behind the
     * last-produced-offset questions first, then each reader's consumer, which resumes at its next offset.
     */
    public synchronized void reconnect() {
        if (!running) {
            return;
        }
        Admin old = admin;
        admin = adminFactory.get();
        readers.values().forEach(PartitionReader::reconnect);
        old.close(Duration.ofSeconds(5));
        log.info("partition readers reconnected with the settings now in effect");
    }

    @Override
    public synchronized void stop() {
        running = false;
        readers.values().forEach(PartitionReader::stop);
        if (poller != null) {
            poller.stop();
        }
        for (Thread thread : threads) {
            try {
                thread.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** True once every owned partition has passed its startup lag gate. */
    public boolean allCaughtUp() {
        return running && !readers.isEmpty() && readers.values().stream().allMatch(PartitionReader::caughtUp);
    }

    /** The partitions this process reads (empty before start). */
    public Set<Integer> ownedPartitions() {
        return Set.copyOf(readers.keySet());
    }

    /** True once the partition's reader has passed its startup lag gate (it is no longer replaying a backlog). */
    public boolean caughtUp(int partition) {
        PartitionReader reader = readers.get(partition);
        return reader != null && reader.caughtUp();
    }

    /**
     * Waits, up to {@code timeout}, until the given partitions' readers have consumed every record produced before
     * the next poll of the last produced offsets, and returns those that did. Like a strong read, but for the block
     * cutter: it must not close a window while an acknowledged record for it is still on its way.
     */
    public Set<Integer> awaitConsumedToEnd(Set<Integer> partitions, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<Integer, Long> lastProduced;
        try {
            lastProduced = poller.nextPoll().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.debug("last produced offsets not known within {}: {}", timeout, e.toString());
            return Set.of();
        }
        Set<Integer> drained = new TreeSet<>();
        for (int partition : partitions) {
            PartitionReader reader = readers.get(partition);
            Long offset = lastProduced.get(partition);
            if (reader != null && offset != null && reader.awaitConsumed(offset, deadline)) {
                drained.add(partition);
            }
        }
        return drained;
    }

    /** Per owned partition, how far its reader got (for lag in seconds and bytes/s). */
    public List<ReaderProgress> progress() {
        return readers.values().stream().map(PartitionReader::progress).toList();
    }

    /**
     * Stops one partition's reader and waits for its thread to end, after it committed its last consumed offset.
     * The partition stays unread (its lag grows, strong reads on it time out) until {@link #startReader(int)}.
     */
    public synchronized void stopReader(int partition) throws InterruptedException {
        PartitionReader reader = reader(partition);
        reader.stop();
        Thread thread = readerThreads.get(partition);
        thread.join(15_000);
        if (thread.isAlive()) {
            throw new IllegalStateException("partition " + partition + ": the reader did not stop within 15 s");
        }
        log.info("partition {}: reader stopped by the operator", partition);
    }

    /** True when the partition is owned here and its reader is stopped (so its committed offset may be reset). */
    public boolean isStopped(int partition) {
        PartitionReader reader = readers.get(partition);
        return reader != null && reader.state() == PartitionState.STOPPED;
    }

    /**
     * Moves a stopped partition's committed offset in its consumer group (validated against the log start and
     * end offsets). The reader reads from there once {@link #startReader(int)} runs it again.
     */
    public synchronized OffsetResetOutcome resetCommittedOffset(int partition, OffsetResetTarget target) {
        PartitionReader reader = reader(partition);
        if (reader.state() != PartitionState.STOPPED) {
            throw new IllegalStateException("partition " + partition + ": the reader is " + reader.state()
                    + "; stop it before resetting its committed offset");
        }
        OffsetResetOutcome outcome = new CommittedOffsetReset(admin, ReaderSettings.from(kafka).requestTimeout())
                .reset(new TopicPartition(kafka.getTopic(), partition),
                        reader.status().consumerGroup(), target);
        log.warn("partition {}: committed offset of consumer group {} reset by the operator from {} to {} ({}); "
                + "the reader reads offset {} next", partition, outcome.consumerGroup(), outcome.committedBefore(),
                outcome.committedAfter(), target, outcome.nextOffset());
        return outcome;
    }

    /** Runs a stopped reader again on a new thread, from the group's committed offset + 1. */
    public synchronized void startReader(int partition) {
        PartitionReader reader = reader(partition);
        reader.resumeFromCommittedOffset();
        Thread thread = new Thread(reader, "partition-reader-" + partition);
        thread.setDaemon(true);
        threads.add(thread);
        readerThreads.put(partition, thread);
        thread.start();
        log.info("partition {}: reader started by the operator", partition);
    }

    private PartitionReader reader(int partition) {
        PartitionReader reader = readers.get(partition);
        if (reader == null || !running) {
            throw new IllegalArgumentException("partition " + partition + " is not read by this process (it reads "
                    + readers.keySet() + ")");
        }
        return reader;
    }

    public List<PartitionStatus> statuses() {
        return readers.values().stream().map(PartitionReader::status).toList();
    }

    /**
     * Waits until every owned partition is consumed up to the offset last produced when this call was made
     * (Mimir's strong read consistency). A zero timeout waits without limit.
     */
    public void awaitStrongConsistency(Duration timeout) throws ReadConsistencyTimeoutException, InterruptedException {
        long started = System.nanoTime();
        long deadline = timeout.isZero() ? Long.MAX_VALUE : started + timeout.toNanos();
        try {
            Map<Integer, Long> lastProduced = poller.nextPoll().get(remainingMs(deadline), TimeUnit.MILLISECONDS);
            for (Map.Entry<Integer, Long> target : lastProduced.entrySet()) {
                PartitionReader reader = readers.get(target.getKey());
                if (!reader.awaitConsumed(target.getValue(), deadline)) {
                    throw new ReadConsistencyTimeoutException("wait strong read consistency timeout exceeded: partition "
                            + target.getKey() + " is consumed up to offset " + reader.lastConsumedOffset()
                            + " but offset " + target.getValue() + " was produced before the read (waited "
                            + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms, limit "
                            + timeout.toMillis() + " ms from ingest-storage.kafka.wait-strong-read-consistency-timeout)");
                }
            }
            strongWait.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            strongWaitFailed.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            throw new ReadConsistencyTimeoutException("wait strong read consistency timeout exceeded: the last produced "
                    + "offsets were not fetched from Kafka within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            strongWaitFailed.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            throw new ReadConsistencyTimeoutException(e.getCause().getMessage());
        } catch (ReadConsistencyTimeoutException e) {
            strongWaitFailed.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            throw e;
        }
    }

    private static long remainingMs(long deadlineNanos) {
        if (deadlineNanos == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }
}
