package io.tributary.ingest;

/**
 * The answer to one remote-write request: status, a human-readable reason for anything but 204, the
 * exact written counts for the {@code X-Prometheus-Remote-Write-*-Written} headers, and Retry-After.
 */
public record PushResponse(int status, String message, long samplesWritten, long histogramsWritten,
                           long exemplarsWritten, long retryAfterSeconds) {

    static PushResponse written(long samples, long histograms, long exemplars) {
        return new PushResponse(204, null, samples, histograms, exemplars, 0);
    }

    static PushResponse rejected(int status, String message) {
        return new PushResponse(status, message, 0, 0, 0, 0);
    }
}
