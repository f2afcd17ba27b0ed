package io.tributary.consumer;

import java.util.Map;
import java.util.OptionalDouble;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * How many bytes a record of this partition takes, learned from earlier fetches, as Mimir's concurrent fetchers learn
 * it: it starts at 10 kB and each observation moves it by a fifth of the difference. With
 * {@code use-compressed-bytes-as-fetch-max-bytes} the observations are wire bytes (compressed batches, what Kafka
 * counts against a fetch's MaxBytes); without it, uncompressed key and value bytes (what WarpStream counts).
 * <p>
 * The Java consumer does not tell a record's compressed size, and its {@code fetch-size-avg} counts the bytes after
 * decompression (measured: 27 kB per record on a topic holding 5.4 kB per record). What it does tell is
 * {@code records-per-request-avg}: a fetch that MaxBytes cut short holds MaxBytes of compressed batches, so MaxBytes
 * over the records per request is the wire size of a record. Fetches cut short by the log end instead make that
 * an overestimate, which only makes wants smaller.
 */
final class BytesPerRecordEstimate {
    static final double INITIAL_BYTES_PER_RECORD = 10_000;
    private static final double KEPT = 0.8;
    private static final String FETCH_MANAGER_GROUP = "consumer-fetch-manager-metrics";

    private final boolean compressed;
    private double bytesPerRecord = INITIAL_BYTES_PER_RECORD;
    /** Uncompressed key and value bytes per record, whatever sizes fetches: what a fetched record takes in memory. */
    private double memoryBytesPerRecord = INITIAL_BYTES_PER_RECORD;

    BytesPerRecordEstimate(boolean compressed) {
        this.compressed = compressed;
    }

    boolean compressed() {
        return compressed;
    }

    synchronized double bytesPerRecord() {
        return bytesPerRecord;
    }

    /** Uncompressed bytes per record, for counting a want in flight against max-buffered-bytes. */
    synchronized double memoryBytesPerRecord() {
        return memoryBytesPerRecord;
    }

    /**
     * Learns from one completed fetch: {@code uncompressedBytes} over {@code records} records, and the fetching
     * consumer's records per request with its MaxBytes, which give the compressed size per record. When the consumer
     * has no such metric yet (no fetch request completed), the uncompressed size stands in.
     */
    void observe(long uncompressedBytes, long records, Map<MetricName, ? extends Metric> consumerMetrics,
            int fetchMaxBytes) {
        if (records <= 0 || uncompressedBytes <= 0) {
            return;
        }
        double uncompressed = uncompressedBytes / (double) records;
        double sample = compressed ? wireBytesPerRecord(consumerMetrics, fetchMaxBytes).orElse(uncompressed)
                : uncompressed;
        synchronized (this) {
            bytesPerRecord = smoothed(bytesPerRecord, sample);
            memoryBytesPerRecord = smoothed(memoryBytesPerRecord, uncompressed);
        }
    }

    private static double smoothed(double current, double sample) {
        return sample > 0 && Double.isFinite(sample) ? KEPT * current + (1 - KEPT) * sample : current;
    }

    /**
     * Compressed bytes per record: {@code fetchMaxBytes} over the consumer's client-wide (not per-topic)
     * {@code records-per-request-avg}; empty before the consumer completed a fetch.
     */
    static OptionalDouble wireBytesPerRecord(Map<MetricName, ? extends Metric> metrics, int fetchMaxBytes) {
        double recordsPerRequest = Double.NaN;
        for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
            MetricName name = entry.getKey();
            if (FETCH_MANAGER_GROUP.equals(name.group()) && !name.tags().containsKey("topic")
                    && name.name().equals("records-per-request-avg")) {
                recordsPerRequest = asDouble(entry.getValue());
            }
        }
        if (!(recordsPerRequest > 0) || fetchMaxBytes <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(fetchMaxBytes / recordsPerRequest);
    }

    private static double asDouble(Metric metric) {
        return metric.metricValue() instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
