package io.tributary.storage;

import java.util.Arrays;

/**
 * One native histogram sample, kept as the Prometheus protobuf {@code Histogram} message it arrived as
 * (remote-write and remote-read share the message), so the read path can return it unchanged.
 */
public record HistogramSample(long timestamp, byte[] encoded) {
    @Override
    public boolean equals(Object o) {
        return o instanceof HistogramSample h && h.timestamp == timestamp && Arrays.equals(h.encoded, encoded);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(timestamp) * 31 + Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "HistogramSample[timestamp=" + timestamp + ", bytes=" + encoded.length + "]";
    }
}
