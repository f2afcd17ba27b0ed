package io.tributary.distributor;

/**
 * One Kafka record value destined for one partition, with the number of data points it carries
 * (so the caller can report exactly what Kafka accepted).
 */
public record PartitionRecord(int partition, byte[] value, int samples, int histograms, int exemplars) {
}
