package io.tributary.storage;

/** Reads one value stream written by {@link XorValueWriter} (or by Prometheus's {@code xorWrite}). */
final class XorValueReader {
    private long bits;
    private int leading;
    private int trailing;

    /** A stream whose first value (read raw by the caller) has these bits. */
    XorValueReader(long firstBits) {
        this.bits = firstBits;
    }

    /** Reads the next value and returns its bits. */
    long read(BitReader in) {
        if (!in.readBit()) {
            return bits;
        }
        if (in.readBit()) {
            leading = (int) in.readBits(5);
            int significant = (int) in.readBits(6);
            if (significant == 0) {
                significant = 64;
            }
            trailing = 64 - leading - significant;
            if (trailing < 0) {
                throw new IllegalStateException("chunk value window of " + leading + " leading zeros and "
                        + significant + " significant bits exceeds 64 bits");
            }
        }
        bits ^= in.readBits(64 - leading - trailing) << trailing;
        return bits;
    }
}
