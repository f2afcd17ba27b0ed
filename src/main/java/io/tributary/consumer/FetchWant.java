package io.tributary.consumer;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One range of offsets {@code [start, end)} that a concurrent fetcher reads, and once read, its records (every record
 * of the range the log still holds, in offset order) or the failure that stopped it. Guarded by the
 * {@link ConcurrentFetchers} lock.
 */
final class FetchWant {
    final long start;
    final long end;
    /** Bytes this want was expected to hold when dispatched, counted against max-buffered-bytes until it arrives. */
    final long estimatedBytes;
    private List<ConsumerRecord<byte[], byte[]>> records;
    private long bytes;

    FetchWant(long start, long end, long estimatedBytes) {
        if (end <= start) {
            throw new IllegalArgumentException("empty want [" + start + ", " + end + ")");
        }
        this.start = start;
        this.end = end;
        this.estimatedBytes = estimatedBytes;
    }

    long recordCount() {
        return end - start;
    }

    void complete(List<ConsumerRecord<byte[], byte[]>> fetched, long fetchedBytes) {
        this.records = fetched;
        this.bytes = fetchedBytes;
    }

    boolean done() {
        return records != null;
    }

    List<ConsumerRecord<byte[], byte[]>> records() {
        return records;
    }

    /** Key and value bytes of the fetched records: what the want holds in memory until the reader takes it. */
    long bytes() {
        return bytes;
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
