package io.tributary.storage;

import java.util.Arrays;
import java.util.List;

/**
 * Writes a native histogram as the protobuf {@code prometheus.Histogram} message (the field numbers of
 * {@link HistogramMessageDecoder}), the form remote read answers with. The count and zero count are always
 * written, even when 0, because which of their one-of fields is present is what tells an integer histogram from a
 * float one. Repeated numbers are packed, other zero values left out, as proto3 encoders do.
 */
public final class HistogramMessageEncoder {
    private byte[] out = new byte[64];
    private int length;

    private HistogramMessageEncoder() {
    }

    /** The message for {@code histogram}, with {@code timestamp} in field 15. */
    public static byte[] encode(NativeHistogram histogram, long timestamp) {
        HistogramMessageEncoder e = new HistogramMessageEncoder();
        BucketLayout layout = histogram.layout();
        if (histogram instanceof IntegerHistogram h) {
            e.varintField(1, h.count());
            e.doubleField(3, h.sum());
            e.schemaAndZeroThreshold(layout);
            e.varintField(6, h.zeroCount());
            e.spans(8, layout.negativeSpans());
            e.packedSint64(9, h.negativeDeltas());
            e.spans(11, layout.positiveSpans());
            e.packedSint64(12, h.positiveDeltas());
        } else {
            FloatHistogram h = (FloatHistogram) histogram;
            e.alwaysDoubleField(2, h.count());
            e.doubleField(3, h.sum());
            e.schemaAndZeroThreshold(layout);
            e.alwaysDoubleField(7, h.zeroCount());
            e.spans(8, layout.negativeSpans());
            e.packedDoubles(10, h.negativeCounts());
            e.spans(11, layout.positiveSpans());
            e.packedDoubles(13, h.positiveCounts());
        }
        if (histogram.resetHint() != ResetHint.UNKNOWN) {
            e.varintField(14, histogram.resetHint().number());
        }
        if (timestamp != 0) {
            e.varintField(15, timestamp);
        }
        e.packedDoubles(16, layout.customValues());
        return Arrays.copyOf(e.out, e.length);
    }

    private void schemaAndZeroThreshold(BucketLayout layout) {
        if (layout.schema() != 0) {
            varintField(4, zigzag32(layout.schema()));
        }
        doubleField(5, layout.zeroThreshold());
    }

    private void spans(int field, List<BucketSpan> spans) {
        for (BucketSpan span : spans) {
            long offset = zigzag32(span.offset());
            long length = Integer.toUnsignedLong(span.length());
            int size = (offset != 0 ? 1 + varintSize(offset) : 0) + (length != 0 ? 1 + varintSize(length) : 0);
            tag(field, 2);
            varint(size);
            if (offset != 0) {
                varintField(1, offset);
            }
            if (length != 0) {
                varintField(2, length);
            }
        }
    }

    private void packedSint64(int field, long[] values) {
        if (values.length == 0) {
            return;
        }
        int size = 0;
        for (long v : values) {
            size += varintSize(zigzag64(v));
        }
        tag(field, 2);
        varint(size);
        for (long v : values) {
            varint(zigzag64(v));
        }
    }

    private void packedDoubles(int field, double[] values) {
        if (values.length == 0) {
            return;
        }
        tag(field, 2);
        varint(8L * values.length);
        for (double v : values) {
            fixed64(Double.doubleToRawLongBits(v));
        }
    }

    private void varintField(int field, long value) {
        tag(field, 0);
        varint(value);
    }

    /** A double field left out when its bits are all zero; -0.0 is written, so it survives. */
    private void doubleField(int field, double value) {
        if (Double.doubleToRawLongBits(value) != 0) {
            alwaysDoubleField(field, value);
        }
    }

    private void alwaysDoubleField(int field, double value) {
        tag(field, 1);
        fixed64(Double.doubleToRawLongBits(value));
    }

    private void tag(int field, int wireType) {
        varint(((long) field << 3) | wireType);
    }

    private void varint(long v) {
        ensure(10);
        while ((v & ~0x7fL) != 0) {
            out[length++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out[length++] = (byte) v;
    }

    private void fixed64(long bits) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            out[length++] = (byte) (bits >>> (8 * i));
        }
    }

    private void ensure(int extra) {
        if (length + extra > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, length + extra));
        }
    }

    private static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7fL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    /** A sint32's zig-zag form, as the unsigned 32-bit varint protobuf writes. */
    private static long zigzag32(int v) {
        return Integer.toUnsignedLong((v << 1) ^ (v >> 31));
    }

    private static long zigzag64(long v) {
        return (v << 1) ^ (v >> 63);
    }
}
