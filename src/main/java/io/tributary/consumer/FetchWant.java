package io.tributary.consumer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One range of offsets {@code [start, end)} that a concurrent fetcher reads: the records it fetched so far, in offset
 * order, in the chunks its polls returned (so the reader can store the first chunks while the rest are fetched),
 * and whether the range is complete. Guarded by the {@link ConcurrentFetchers} lock.
 */
final class FetchWant {
    final long start;
    final long end;
    /** Bytes this want was expected to hold when dispatched, counted against max-buffered-bytes until it is complete. */
    final long estimatedBytes;
    private final Deque<Chunk> chunks = new ArrayDeque<>();
    private boolean complete;

    /** Records of one poll, and their key and value bytes (what they hold in memory until the reader takes them). */
    record Chunk(List<ConsumerRecord<byte[], byte[]>> records, long bytes) {
    }

    FetchWant(long start, long end, long estimatedBytes) {
        if (end <= start) {
            throw new IllegalArgumentException("empty want [" + start + ", " + end + ")");
        }
        this.start = start;
        this.end = end;
        this.estimatedBytes = estimatedBytes;
    }

    void add(Chunk chunk) {
        chunks.addLast(chunk);
    }

    /** Every record of the range the log still holds was added. */
    void complete() {
        complete = true;
    }

    /** The oldest chunk the reader has not taken, or null. */
    Chunk takeChunk() {
        return chunks.pollFirst();
    }

    /** True once complete and every chunk was taken: the reader moves on to the next want. */
    boolean exhausted() {
        return complete && chunks.isEmpty();
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
