package io.tributary.storage;

/**
 * One encoded chunk of one series: the bytes exactly as Prometheus stores them (for XOR: the 2-byte sample
 * count followed by the bit stream), with the time range of its samples (both ends inclusive).
 */
public record StoredChunk(long minTime, long maxTime, byte encoding, byte[] data) {
    /** The number of samples, read from the chunk header as Prometheus does. */
    public int sampleCount() {
        return ((data[0] & 0xff) << 8) | (data[1] & 0xff);
    }

    public boolean overlaps(long mint, long maxt) {
        return minTime <= maxt && maxTime >= mint;
    }
}
