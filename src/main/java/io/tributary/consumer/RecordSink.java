package io.tributary.consumer;

import io.tributary.protocol.ScannedRequest;
import java.util.OptionalLong;

/**
 * Where decoded records go (the tenants' heads), and the keeper of the replay checkpoint: Kafka is the
 * write-ahead log, so after a restart a reader must start from the first offset whose samples are not yet in
 * an uploaded block, whatever the consumer group says.
 */
public interface RecordSink {
    /**
     * Stores one decoded record. Data errors are counted in the result; failures that are the server's fault
     * throw {@link StorageUnavailableException} and the reader retries the record. {@code record} and its buffer
     * are the reader's scratch space: valid during the call only.
     */
    StoreResult store(int partition, long offset, String tenant, ScannedRequest record);

    /** The offset a restart must replay from, when a checkpoint exists for the partition. */
    OptionalLong replayFrom(int partition);

    /** Records where a reader starts, before it consumes anything; an existing checkpoint is kept. */
    void startingAt(int partition, long offset);
}
