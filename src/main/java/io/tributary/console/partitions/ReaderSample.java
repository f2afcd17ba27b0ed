package io.tributary.console.partitions;

import io.tributary.consumer.PartitionStatus;
import io.tributary.consumer.ReaderProgress;

/** One partition reader of this process as the sampler saw it: its status and its progress. */
public record ReaderSample(PartitionStatus status, ReaderProgress progress) {
}
