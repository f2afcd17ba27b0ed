package io.tributary.distributor;

/**
 * What a {@link PartitionWriter} achieved for one request: the counts carried by the records Kafka
 * acknowledged (for the exact X-Prometheus-Remote-Write-*-Written headers) and, if not everything was
 * acknowledged, why.
 */
public record WriteOutcome(long samplesWritten, long histogramsWritten, long exemplarsWritten, Failure failure) {

    public boolean succeeded() {
        return failure == null;
    }

    /** Why part of a request was not written, classified as Mimir classifies producer failures. */
    public record Failure(Reason reason, String message) {
    }

    /** Failure reasons, the values of the {@code reason} label of the failed-records counter. */
    public enum Reason {
        /** Not acknowledged within distributor.remote-timeout / write-timeout. */
        TIMEOUT("timeout"),
        /** producer-max-buffered-bytes are already waiting for acknowledgement. */
        BUFFER_FULL("buffer-full"),
        /** The broker refused a record as larger than its max.message.bytes: the client's data is at fault. */
        RECORD_TOO_LARGE("record-too-large"),
        /** Kafka refuses this instance's credentials (or their source fails): retrying helps once they are fixed. */
        AUTHENTICATION("authentication"),
        /** The HTTP thread was interrupted while waiting. */
        CANCELED("canceled"),
        /** Any other broker or client error. */
        OTHER("other");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
