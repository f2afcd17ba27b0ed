package io.tributary.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The layout part of a histogram chunk, written once after the 3-byte header: the zero threshold, the schema as a
 * varbit int, the positive and the negative spans (a varbit uint count, then length as varbit uint and offset as
 * varbit int per span), and, for the custom-bucket schema only, the custom bounds. Older Prometheus versions
 * (2.x) know no custom bounds and never see them, because every other schema leaves the section out.
 */
final class HistogramChunkLayout {
    /** The largest custom bound times 1000 stored as a short integer: its varbit fits 4 bytes. */
    private static final double MAX_SHORT_BOUND = 33_554_430;

    private HistogramChunkLayout() {
    }

    static void write(BitWriter out, BucketLayout layout) {
        writeZeroThreshold(out, layout.zeroThreshold());
        Varbit.writeInt(out, layout.schema());
        writeSpans(out, layout.positiveSpans());
        writeSpans(out, layout.negativeSpans());
        if (layout.usesCustomBuckets()) {
            Varbit.writeUint(out, layout.customValues().length);
            for (double bound : layout.customValues()) {
                writeCustomBound(out, bound);
            }
        }
    }

    static BucketLayout read(BitReader in) {
        double zeroThreshold = readZeroThreshold(in);
        long schema = Varbit.readInt(in);
        if (schema != (int) schema) {
            throw new IllegalStateException("histogram chunk schema " + schema + " is out of range");
        }
        List<BucketSpan> positive = readSpans(in);
        List<BucketSpan> negative = readSpans(in);
        double[] customValues = new double[0];
        if (schema == BucketLayout.CUSTOM_BUCKETS_SCHEMA) {
            customValues = new double[checkedCount(Varbit.readUint(in), "custom bounds")];
            for (int i = 0; i < customValues.length; i++) {
                customValues[i] = readCustomBound(in);
            }
        }
        return new BucketLayout((int) schema, zeroThreshold, positive, negative, customValues);
    }

    /**
     * One byte for the usual thresholds: 0 as 0, a power of two from 2^-243 to 2^10 as its binary exponent
     * (in Go's {@code Frexp} sense, fraction 0.5) plus 243; anything else as 255 and the 64 raw bits.
     */
    private static void writeZeroThreshold(BitWriter out, double threshold) {
        if (threshold == 0) {
            out.writeByte(0);
            return;
        }
        long bits = Double.doubleToRawLongBits(threshold);
        boolean powerOfTwo = threshold > 0 && Double.isFinite(threshold)
                && Math.getExponent(threshold) >= Double.MIN_EXPONENT && (bits & 0x000f_ffff_ffff_ffffL) == 0;
        int exponent = Math.getExponent(threshold) + 1;
        if (powerOfTwo && exponent >= -242 && exponent <= 11) {
            out.writeByte(exponent + 243);
        } else {
            out.writeByte(255);
            out.writeBits(bits, 64);
        }
    }

    private static double readZeroThreshold(BitReader in) {
        int b = (int) in.readBits(8);
        return switch (b) {
            case 0 -> 0;
            case 255 -> Double.longBitsToDouble(in.readBits(64));
            default -> Math.scalb(0.5, b - 243);
        };
    }

    private static void writeSpans(BitWriter out, List<BucketSpan> spans) {
        Varbit.writeUint(out, spans.size());
        for (BucketSpan span : spans) {
            Varbit.writeUint(out, Integer.toUnsignedLong(span.length()));
            Varbit.writeInt(out, span.offset());
        }
    }

    private static List<BucketSpan> readSpans(BitReader in) {
        int n = checkedCount(Varbit.readUint(in), "spans");
        List<BucketSpan> spans = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long length = Varbit.readUint(in);
            long offset = Varbit.readInt(in);
            spans.add(new BucketSpan((int) offset, (int) length));
        }
        return spans;
    }

    /**
     * Bounds that are whole thousandths from 0 to 33554.43 are stored as thousandths plus one in a varbit uint
     * (whose first bit is then 1); others as a 0 bit and the 64 raw bits. Bounds are usually short decimals.
     */
    private static void writeCustomBound(BitWriter out, double bound) {
        double thousandths = bound * 1000;
        if (thousandths >= 0 && thousandths <= MAX_SHORT_BOUND && Math.round(thousandths) / 1000.0 == bound) {
            Varbit.writeUint(out, Math.round(thousandths) + 1);
        } else {
            out.writeBit(false);
            out.writeBits(Double.doubleToRawLongBits(bound), 64);
        }
    }

    private static double readCustomBound(BitReader in) {
        long v = Varbit.readUint(in);
        return v == 0 ? Double.longBitsToDouble(in.readBits(64)) : (v - 1) / 1000.0;
    }

    /** Guards array sizes read from a chunk: no chunk holds anywhere near 2^20 spans or bounds. */
    private static int checkedCount(long n, String what) {
        if (n < 0 || n > 1 << 20) {
            throw new IllegalStateException("histogram chunk claims " + Long.toUnsignedString(n) + " " + what);
        }
        return (int) n;
    }
}
