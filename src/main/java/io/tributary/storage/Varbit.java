package io.tributary.storage;

/**
 * Prometheus's variable bit-width integers, used by histogram chunks ({@code varbit_int} and {@code varbit_uint}
 * in {@code tsdb/docs/format/chunks.md}): a unary prefix of 0 to 8 one-bits, ended by a zero-bit unless all 8
 * are set, picks a width of 0, 3, 6, 9, 12, 18, 25, 56 or 64 bits, and the value follows in that many bits. 0
 * takes a single bit. Signed values use the same asymmetric ranges as the XOR chunk's timestamps: n bits hold
 * {@code -(2^(n-1) - 1)} to {@code 2^(n-1)}.
 */
final class Varbit {
    /** The widths selected by prefixes of 1 to 7 one-bits; 8 one-bits mean a raw 64-bit value. */
    private static final int[] WIDTHS = {3, 6, 9, 12, 18, 25, 56};

    private Varbit() {
    }

    static void writeInt(BitWriter out, long value) {
        if (value == 0) {
            out.writeBit(false);
            return;
        }
        for (int i = 0; i < WIDTHS.length; i++) {
            long half = 1L << (WIDTHS[i] - 1);
            if (-(half - 1) <= value && value <= half) {
                writePrefix(out, i);
                out.writeBits(value, WIDTHS[i]);
                return;
            }
        }
        out.writeBits(0xff, 8);
        out.writeBits(value, 64);
    }

    /** {@code value} is read as unsigned. */
    static void writeUint(BitWriter out, long value) {
        if (value == 0) {
            out.writeBit(false);
            return;
        }
        for (int i = 0; i < WIDTHS.length; i++) {
            if (Long.numberOfLeadingZeros(value) >= 64 - WIDTHS[i]) {
                writePrefix(out, i);
                out.writeBits(value, WIDTHS[i]);
                return;
            }
        }
        out.writeBits(0xff, 8);
        out.writeBits(value, 64);
    }

    /** The prefix of width {@code WIDTHS[i]}: i + 1 one-bits and a zero-bit. */
    private static void writePrefix(BitWriter out, int i) {
        out.writeBits(((1L << (i + 1)) - 1) << 1, i + 2);
    }

    static long readInt(BitReader in) {
        int width = readWidth(in);
        if (width == 0 || width == 64) {
            return width == 0 ? 0 : in.readBits(64);
        }
        long bits = in.readBits(width);
        // Values above the positive range are negative numbers in two's complement of that width.
        return bits > (1L << (width - 1)) ? bits - (1L << width) : bits;
    }

    static long readUint(BitReader in) {
        int width = readWidth(in);
        return width == 0 ? 0 : in.readBits(width);
    }

    private static int readWidth(BitReader in) {
        int ones = 0;
        while (ones < 8 && in.readBit()) {
            ones++;
        }
        return switch (ones) {
            case 0 -> 0;
            case 8 -> 64;
            default -> WIDTHS[ones - 1];
        };
    }
}
