package io.tributary.storage;

/**
 * One stream of float values compressed as Prometheus does (Gorilla XOR, its {@code xorWrite}): each value is
 * XORed with the one before; an unchanged value takes one bit, a change whose meaningful bits fit the previous
 * leading/trailing-zero window takes the control bits and those bits, otherwise the new window is written (5 bits
 * of leading zeros, at most 31, and 6 bits of significant-bit count, where 64 is written as 0). XOR chunks have
 * one stream; histogram chunks have one for the sum and, in float histograms, one per count and bucket.
 */
final class XorValueWriter {
    private long previousBits;
    /** 0xff until the first window is written, so the first change always writes one. */
    private int leading = 0xff;
    private int trailing;

    /** A stream whose first value (stored raw by the caller) has these bits. */
    XorValueWriter(long firstBits) {
        this.previousBits = firstBits;
    }

    void write(BitWriter out, long bits) {
        long delta = bits ^ previousBits;
        previousBits = bits;
        if (delta == 0) {
            out.writeBit(false);
            return;
        }
        out.writeBit(true);
        int newLeading = Math.min(Long.numberOfLeadingZeros(delta), 31);
        int newTrailing = Long.numberOfTrailingZeros(delta);
        if (leading != 0xff && newLeading >= leading && newTrailing >= trailing) {
            out.writeBit(false);
            out.writeBits(delta >>> trailing, 64 - leading - trailing);
            return;
        }
        leading = newLeading;
        trailing = newTrailing;
        out.writeBit(true);
        out.writeBits(newLeading, 5);
        int significant = 64 - newLeading - newTrailing;
        // 64 significant bits do not fit in 6 bits; Prometheus writes them as 0 and reads 0 back as 64.
        out.writeBits(significant & 0x3f, 6);
        out.writeBits(delta >>> newTrailing, significant);
    }
}
