package io.tributary.console.partitions;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.consumer.PartitionReaders;
import io.tributary.consumer.PartitionStatus;
import io.tributary.consumer.ReaderProgress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Samples Kafka and this process's partition readers every {@link #INTERVAL} on one background thread, keeps the
 * latest {@link PartitionsView} for the page and its JSON, and the lag history for the charts. Sampling in the
 * background rather than per page view keeps the history continuous and the Kafka load independent of how many
 * browsers watch.
 */
@Component
public class PartitionsSampler implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(PartitionsSampler.class);

    /** How often the page's data is refreshed, and the page's default auto-refresh. */
    public static final Duration INTERVAL = Duration.ofSeconds(5);
    /** How much lag history the charts show; the rings hold a little more. */
    public static final Duration CHART_WINDOW = Duration.ofHours(1);

    private final PartitionOffsetsProbe probe;
    private final ObjectProvider<PartitionReaders> readers;
    private final TenantActivity tenants;
    private final LagHistory history =
            new LagHistory((int) (CHART_WINDOW.toMillis() / INTERVAL.toMillis()) + 40);
    private volatile PartitionsView latest;
    private TopicSnapshot previousTopic;
    private Map<Integer, ReaderSample> previousReaders = Map.of();
    private volatile Thread thread;
    private volatile boolean running;

    public PartitionsSampler(PartitionOffsetsProbe probe, ObjectProvider<PartitionReaders> readers,
            MeterRegistry registry) {
        this.probe = probe;
        this.readers = readers;
        this.tenants = new TenantActivity(registry);
    }

    /** The latest view; takes the first sample now when the background thread has not yet. */
    public PartitionsView latest() {
        PartitionsView view = latest;
        return view != null ? view : sampleNow();
    }

    public LagHistory history() {
        return history;
    }

    /** Takes a sample now (the background thread, and actions that want the page to show their effect at once). */
    public synchronized PartitionsView sampleNow() {
        PartitionReaders here = readers.getIfAvailable();
        Map<Integer, ReaderSample> readerSamples = readerSamples(here);
        Map<Integer, String> groups = new HashMap<>();
        readerSamples.forEach((p, r) -> groups.put(p, r.status().consumerGroup()));
        TopicSnapshot topic = probe.probe(groups);
        Map<Integer, KafkaPartition> before = new HashMap<>();
        if (previousTopic != null) {
            previousTopic.partitions().forEach(k -> before.put(k.partition(), k));
        }
        long beforeMs = previousTopic == null ? 0 : previousTopic.takenAtMs();
        List<PartitionRow> rows = new ArrayList<>();
        long topicLag = 0;
        boolean lagKnown = false;
        Double worstSeconds = null;
        for (KafkaPartition kafka : topic.partitions()) {
            PartitionRow row = PartitionRow.of(kafka, topic.takenAtMs(), before.get(kafka.partition()), beforeMs,
                    readerSamples.get(kafka.partition()), previousReaders.get(kafka.partition()));
            rows.add(row);
            if (row.lag() != null) {
                topicLag += row.lag();
                lagKnown = true;
                history.record(row.partition(), new LagPoint(topic.takenAtMs(), row.lag(),
                        row.lagSeconds() == null ? -1 : row.lagSeconds()));
            }
            if (row.lagSeconds() != null && (worstSeconds == null || row.lagSeconds() > worstSeconds)) {
                worstSeconds = row.lagSeconds();
            }
        }
        if (lagKnown) {
            history.record(LagHistory.TOPIC, new LagPoint(topic.takenAtMs(), topicLag,
                    worstSeconds == null ? -1 : worstSeconds));
        }
        PartitionsView view = new PartitionsView(topic.takenAtMs(), topic.error(), !readerSamples.isEmpty(), rows,
                lagKnown ? topicLag : null, worstSeconds, List.copyOf(tenants.sample(topic.takenAtMs()).values()));
        previousTopic = topic;
        previousReaders = readerSamples;
        latest = view;
        return view;
    }

    private static Map<Integer, ReaderSample> readerSamples(PartitionReaders here) {
        Map<Integer, ReaderSample> samples = new HashMap<>();
        if (here == null) {
            return samples;
        }
        Map<Integer, ReaderProgress> progress = new HashMap<>();
        here.progress().forEach(p -> progress.put(p.partition(), p));
        for (PartitionStatus status : here.statuses()) {
            ReaderProgress p = progress.get(status.partition());
            if (p != null) {
                samples.put(status.partition(), new ReaderSample(status, p));
            }
        }
        return samples;
    }

    private void loop() {
        while (running) {
            try {
                sampleNow();
            } catch (RuntimeException e) {
                log.warn("sampling the partitions for the console failed (next try in {} s): {}",
                        INTERVAL.toSeconds(), e.toString());
            }
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void start() {
        running = true;
        Thread t = new Thread(this::loop, "console-partitions-sampler");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the partition readers, so the first sample sees them; stops before them. */
    @Override
    public int getPhase() {
        return PartitionReaders.PHASE + 100;
    }
}
