package io.tributary.config;

/** Which roles this process runs ({@code tributary.target}), like Mimir's {@code -target}. */
public enum Target {
    /** Every role in one process: ingest, produce, consume, store, query. */
    ALL,
    /** Ingest and produce to Kafka; no partition consumers. */
    DISTRIBUTOR,
    /** Partition consumers, storage and query; no remote-write endpoint. */
    INGESTER;

    public boolean runsDistributor() {
        return this != INGESTER;
    }

    public boolean runsIngester() {
        return this != DISTRIBUTOR;
    }
}
