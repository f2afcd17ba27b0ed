package io.tributary.ingester;

import io.tributary.config.ReadConsistency;
import io.tributary.consumer.PartitionReaders;
import io.tributary.consumer.ReadConsistencyTimeoutException;
import io.tributary.query.ReadConsistencyException;
import io.tributary.query.ReadConsistencyGate;
import java.time.Duration;

/**
 * Serves {@code X-Read-Consistency}: a strong read (asked for, or the configured default) waits until the owned
 * partitions are consumed up to the offsets last produced when it arrived; an eventual read does not wait.
 */
final class StrongReadGate implements ReadConsistencyGate {
    private final PartitionReaders readers;
    private final ReadConsistency defaultLevel;
    private final Duration timeout;

    StrongReadGate(PartitionReaders readers, ReadConsistency defaultLevel, Duration timeout) {
        this.readers = readers;
        this.defaultLevel = defaultLevel;
        this.timeout = timeout;
    }

    @Override
    public void await(String tenant, String consistencyHeader) throws ReadConsistencyException {
        boolean strong = consistencyHeader == null ? defaultLevel == ReadConsistency.STRONG
                : consistencyHeader.equals("strong");
        if (!strong) {
            return;
        }
        try {
            readers.awaitStrongConsistency(timeout);
        } catch (ReadConsistencyTimeoutException e) {
            throw new ReadConsistencyException(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReadConsistencyException("interrupted while waiting for strong read consistency", e);
        }
    }
}
