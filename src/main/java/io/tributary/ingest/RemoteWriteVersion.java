package io.tributary.ingest;

/** The remote-write protocol of a request body, chosen from its Content-Type (never from its bytes). */
public enum RemoteWriteVersion {
    /** {@code prometheus.WriteRequest}. */
    V1("1.0"),
    /** {@code io.prometheus.write.v2.Request}. */
    V2("2.0");

    private final String label;

    RemoteWriteVersion(String label) {
        this.label = label;
    }

    /** The specification version, as logs, messages and metric labels show it. */
    public String label() {
        return label;
    }
}
