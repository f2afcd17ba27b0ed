package io.tributary.protocol;

import java.util.Arrays;

/**
 * One native histogram of a decoded record, kept as its encoded protobuf message (identical field numbers in
 * RW1, RW2 and Mimir records) plus its timestamp; the codec never needs the buckets themselves.
 */
public final class Histogram {

    private final long timestamp;
    private final byte[] encoded;

    public Histogram(long timestamp, byte[] encoded) {
        this.timestamp = timestamp;
        this.encoded = encoded.clone();
    }

    public long timestamp() {
        return timestamp;
    }

    /** The Histogram message bytes (fields 1-16). */
    public byte[] encoded() {
        return encoded.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Histogram h && h.timestamp == timestamp && Arrays.equals(h.encoded, encoded);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(timestamp) * 31 + Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "Histogram[timestamp=" + timestamp + ", bytes=" + encoded.length + "]";
    }
}
