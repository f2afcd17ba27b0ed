package io.tributary.distributor;

import java.time.Duration;
import java.util.List;

/** Writes one request's records to their partitions and reports what the log has acknowledged. */
public interface PartitionWriter {

    /**
     * Sends every record and waits until all are acknowledged, one fails, or the timeout passes.
     * Never throws for Kafka trouble: the outcome says what was written and why the rest was not.
     */
    WriteOutcome write(String tenant, List<PartitionRecord> records, Duration timeout);
}
