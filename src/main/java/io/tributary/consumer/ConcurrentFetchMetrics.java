package io.tributary.consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * The meters of one partition's concurrent fetchers, registered once per reader (the fetchers come and go with each
 * backlog), under Mimir's {@code cortex_ingest_storage_reader_*} names where Mimir has one, with a {@code tributary_}
 * prefix.
 */
final class ConcurrentFetchMetrics {
    private static final String PREFIX = "tributary.ingest.storage.reader.";

    final AtomicLong bufferedBytes = new AtomicLong();
    final AtomicLong activeFetchers = new AtomicLong();
    private final Counter wants;
    private final Counter discardedBytes;
    private final Counter switches;

    ConcurrentFetchMetrics(MeterRegistry registry, int partition, DoubleSupplier bytesPerRecord) {
        String p = Integer.toString(partition);
        Gauge.builder(PREFIX + "buffered.fetched.bytes", bufferedBytes, AtomicLong::get).tag("partition", p)
                .description("Key and value bytes fetched by concurrent fetchers and not yet handed to storage.")
                .register(registry);
        Gauge.builder(PREFIX + "concurrent.fetchers", activeFetchers, AtomicLong::get).tag("partition", p)
                .description("Concurrent fetchers reading this partition now (0 while the plain consumer reads it).")
                .register(registry);
        Gauge.builder(PREFIX + "estimated.bytes.per.record", bytesPerRecord::getAsDouble).tag("partition", p)
                .description("Bytes per record that fetch sizes are computed from: compressed with "
                        + "use-compressed-bytes-as-fetch-max-bytes, else uncompressed.")
                .register(registry);
        wants = Counter.builder(PREFIX + "concurrent.fetch.wants").tag("partition", p)
                .description("Offset ranges read by concurrent fetchers.").register(registry);
        discardedBytes = Counter.builder(PREFIX + "fetched.discarded.bytes").tag("partition", p)
                .description("Bytes of records a concurrent fetcher received past the end of its range and dropped "
                        + "(another fetcher reads them).")
                .register(registry);
        switches = Counter.builder(PREFIX + "concurrent.fetch.starts").tag("partition", p)
                .description("Times the reader switched from the plain consumer to concurrent fetchers because "
                        + "the partition was behind.")
                .register(registry);
    }

    void wantFetched(long discarded) {
        wants.increment();
        if (discarded > 0) {
            discardedBytes.increment(discarded);
        }
    }

    void started() {
        switches.increment();
    }
}
