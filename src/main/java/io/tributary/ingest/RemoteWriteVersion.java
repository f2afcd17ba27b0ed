package io.tributary.ingest;

/** The remote-write protocol of a request body, chosen from its Content-Type (never from its bytes). */
public enum RemoteWriteVersion {
    /** {@code prometheus.WriteRequest}. */
    V1,
    /** {@code io.prometheus.write.v2.Request}. */
    V2
}
