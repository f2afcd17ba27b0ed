package io.tributary.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the protobuf {@code prometheus.Histogram} message that remote write 1.0 and 2.0 (and remote read) carry,
 * into an {@link IntegerHistogram} or {@link FloatHistogram}. The storage package reads it itself because it
 * depends on nothing else of ours. Field numbers: count_int 1 / count_float 2 (one of), sum 3, schema 4
 * (sint32), zero_threshold 5, zero_count_int 6 / zero_count_float 7 (one of), negative spans 8, deltas 9
 * (sint64), counts 10 (double), positive spans 11, deltas 12, counts 13, reset_hint 14, timestamp 15,
 * custom_values 16; a span is offset 1 (sint32) and length 2 (uint32). Repeated numbers are accepted packed and
 * unpacked, unknown fields are skipped, as protobuf requires. The timestamp is not part of the result: the
 * sample carries it.
 *
 * <p>Besides the wire format, a histogram must be storable without loss, or it is refused with an
 * {@link InvalidHistogramException}: integer and float counts are not mixed, the spans describe exactly as many
 * buckets as there are counts, the schema is one Prometheus knows, custom bounds come only with the custom-bucket
 * schema, and the zero threshold is a finite non-negative number. Stale markers are exempt from all but the first,
 * as Prometheus ignores their buckets.
 */
public final class HistogramMessageDecoder {
    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LEN = 2;
    private static final int FIXED32 = 5;

    private final byte[] bytes;
    private final int end;
    private int pos;

    private HistogramMessageDecoder(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.pos = offset;
        this.end = offset + length;
    }

    public static NativeHistogram decode(byte[] message) {
        return decode(message, 0, message.length);
    }

    /** Decodes {@code length} bytes from {@code offset}; throws {@link InvalidHistogramException}. */
    public static NativeHistogram decode(byte[] message, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > message.length) {
            throw new IndexOutOfBoundsException("range [" + offset + ", " + (offset + length) + ") of "
                    + message.length + " bytes");
        }
        return new HistogramMessageDecoder(message, offset, length).histogram();
    }

    private NativeHistogram histogram() {
        Boolean floatCount = null;
        Boolean floatZeroCount = null;
        long countInt = 0;
        double countFloat = 0;
        long zeroCountInt = 0;
        double zeroCountFloat = 0;
        double sum = 0;
        int schema = 0;
        double zeroThreshold = 0;
        List<BucketSpan> negativeSpans = new ArrayList<>();
        List<BucketSpan> positiveSpans = new ArrayList<>();
        Longs negativeDeltas = new Longs();
        Longs positiveDeltas = new Longs();
        Doubles negativeCounts = new Doubles();
        Doubles positiveCounts = new Doubles();
        Doubles customValues = new Doubles();
        long resetHint = 0;
        while (pos < end) {
            long tag = varint("a field tag");
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            switch (field) {
                case 1 -> {
                    countInt = varint(field, wireType, "count_int");
                    floatCount = false;
                }
                case 2 -> {
                    countFloat = fixed64(field, wireType, "count_float");
                    floatCount = true;
                }
                case 3 -> sum = fixed64(field, wireType, "sum");
                case 4 -> schema = zigzag32(varint(field, wireType, "schema"));
                case 5 -> zeroThreshold = fixed64(field, wireType, "zero_threshold");
                case 6 -> {
                    zeroCountInt = varint(field, wireType, "zero_count_int");
                    floatZeroCount = false;
                }
                case 7 -> {
                    zeroCountFloat = fixed64(field, wireType, "zero_count_float");
                    floatZeroCount = true;
                }
                case 8 -> negativeSpans.add(span(field, wireType, "negative_spans"));
                case 9 -> sint64s(field, wireType, "negative_deltas", negativeDeltas);
                case 10 -> doubles(field, wireType, "negative_counts", negativeCounts);
                case 11 -> positiveSpans.add(span(field, wireType, "positive_spans"));
                case 12 -> sint64s(field, wireType, "positive_deltas", positiveDeltas);
                case 13 -> doubles(field, wireType, "positive_counts", positiveCounts);
                case 14 -> resetHint = varint(field, wireType, "reset_hint");
                case 15 -> varint(field, wireType, "timestamp");
                case 16 -> doubles(field, wireType, "custom_values", customValues);
                default -> skip(field, wireType);
            }
        }
        boolean isFloat = Boolean.TRUE.equals(floatCount);
        if (floatZeroCount != null && floatZeroCount != isFloat) {
            throw new InvalidHistogramException("histogram mixes kinds: count is " + kind(isFloat)
                    + " but zero_count is " + kind(floatZeroCount));
        }
        BucketLayout layout = new BucketLayout(schema, zeroThreshold, positiveSpans, negativeSpans,
                customValues.toArray());
        NativeHistogram histogram;
        if (isFloat) {
            if (negativeDeltas.size > 0 || positiveDeltas.size > 0) {
                throw new InvalidHistogramException("float histogram (count_float) carries integer bucket deltas "
                        + "(fields 9/12); a float histogram's buckets are counts (fields 10/13)");
            }
            histogram = new FloatHistogram(ResetHint.of(resetHint), layout, countFloat, zeroCountFloat, sum,
                    positiveCounts.toArray(), negativeCounts.toArray());
        } else {
            if (negativeCounts.size > 0 || positiveCounts.size > 0) {
                throw new InvalidHistogramException("integer histogram (count_int) carries float bucket counts "
                        + "(fields 10/13); an integer histogram's buckets are deltas (fields 9/12)");
            }
            histogram = new IntegerHistogram(ResetHint.of(resetHint), layout, countInt, zeroCountInt, sum,
                    positiveDeltas.toArray(), negativeDeltas.toArray());
        }
        if (!histogram.isStale()) {
            checkStorable(layout, isFloat ? positiveCounts.size : positiveDeltas.size,
                    isFloat ? negativeCounts.size : negativeDeltas.size);
        }
        return histogram;
    }

    private static String kind(boolean isFloat) {
        return isFloat ? "a float" : "an integer";
    }

    private static void checkStorable(BucketLayout layout, int positiveBuckets, int negativeBuckets) {
        if (!BucketLayout.isKnownSchema(layout.schema())) {
            throw new InvalidHistogramException("histogram schema " + layout.schema() + " is not supported: "
                    + "allowed are " + BucketLayout.MIN_EXPONENTIAL_SCHEMA + " to " + BucketLayout.MAX_EXPONENTIAL_SCHEMA
                    + ", and " + BucketLayout.CUSTOM_BUCKETS_SCHEMA + " for custom buckets");
        }
        if (!layout.usesCustomBuckets() && layout.customValues().length > 0) {
            throw new InvalidHistogramException("histogram of schema " + layout.schema() + " has "
                    + layout.customValues().length + " custom_values; only schema "
                    + BucketLayout.CUSTOM_BUCKETS_SCHEMA + " (custom buckets) may have them");
        }
        if (!(layout.zeroThreshold() >= 0) || Double.isInfinite(layout.zeroThreshold())) {
            throw new InvalidHistogramException("histogram zero_threshold " + layout.zeroThreshold()
                    + " is not a finite number of at least 0");
        }
        checkBuckets("positive", BucketLayout.bucketCount(layout.positiveSpans()), positiveBuckets);
        checkBuckets("negative", BucketLayout.bucketCount(layout.negativeSpans()), negativeBuckets);
    }

    private static void checkBuckets(String side, long described, int present) {
        if (described != present) {
            throw new InvalidHistogramException("histogram " + side + " spans describe " + described
                    + " buckets but the message has " + present + " " + side + " bucket values");
        }
    }

    private BucketSpan span(int field, int wireType, String name) {
        expect(field, wireType, LEN, name);
        int spanEnd = lengthEnd(name);
        int offset = 0;
        int length = 0;
        while (pos < spanEnd) {
            long tag = varint("a BucketSpan field tag");
            int spanField = (int) (tag >>> 3);
            int spanWireType = (int) (tag & 7);
            switch (spanField) {
                case 1 -> offset = zigzag32(varint(spanField, spanWireType, name + ".offset"));
                case 2 -> length = (int) varint(spanField, spanWireType, name + ".length");
                default -> skip(spanField, spanWireType);
            }
        }
        if (pos != spanEnd) {
            throw new InvalidHistogramException(name + ": a field runs past the end of its BucketSpan");
        }
        return new BucketSpan(offset, length);
    }

    private void sint64s(int field, int wireType, String name, Longs out) {
        if (wireType == VARINT) {
            out.add(zigzag64(varint(name)));
            return;
        }
        expect(field, wireType, LEN, name);
        int packedEnd = lengthEnd(name);
        while (pos < packedEnd) {
            out.add(zigzag64(varint(name)));
        }
        if (pos != packedEnd) {
            throw new InvalidHistogramException(name + ": the last packed varint runs past the field's end");
        }
    }

    private void doubles(int field, int wireType, String name, Doubles out) {
        if (wireType == FIXED64) {
            out.add(readDouble(name));
            return;
        }
        expect(field, wireType, LEN, name);
        int packedEnd = lengthEnd(name);
        if ((packedEnd - pos) % 8 != 0) {
            throw new InvalidHistogramException(name + ": packed doubles take " + (packedEnd - pos)
                    + " bytes, not a multiple of 8");
        }
        while (pos < packedEnd) {
            out.add(readDouble(name));
        }
    }

    private long varint(int field, int wireType, String name) {
        expect(field, wireType, VARINT, name);
        return varint(name);
    }

    private double fixed64(int field, int wireType, String name) {
        expect(field, wireType, FIXED64, name);
        return readDouble(name);
    }

    private static void expect(int field, int wireType, int expected, String name) {
        if (wireType != expected) {
            throw new InvalidHistogramException("histogram field " + field + " (" + name + ") has wire type "
                    + wireType + ", expected " + expected);
        }
    }

    private long varint(String what) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw new InvalidHistogramException("histogram message ends inside " + what);
            }
            byte b = bytes[pos++];
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new InvalidHistogramException("varint longer than 10 bytes in " + what);
    }

    private double readDouble(String what) {
        if (end - pos < 8) {
            throw new InvalidHistogramException("histogram message ends inside " + what);
        }
        long bits = 0;
        for (int i = 7; i >= 0; i--) {
            bits = (bits << 8) | (bytes[pos + i] & 0xff);
        }
        pos += 8;
        return Double.longBitsToDouble(bits);
    }

    /** Reads a length prefix and returns where the length-delimited field ends. */
    private int lengthEnd(String what) {
        long length = varint(what + " length");
        if (length < 0 || length > end - pos) {
            throw new InvalidHistogramException(what + " claims " + length + " bytes but only " + (end - pos)
                    + " are left in the histogram message");
        }
        return pos + (int) length;
    }

    private void skip(int field, int wireType) {
        String what = "unknown field " + field;
        switch (wireType) {
            case VARINT -> varint(what);
            case FIXED64 -> readDouble(what);
            case LEN -> pos = lengthEnd(what);
            case FIXED32 -> {
                if (end - pos < 4) {
                    throw new InvalidHistogramException("histogram message ends inside " + what);
                }
                pos += 4;
            }
            default -> throw new InvalidHistogramException("histogram " + what + " has wire type " + wireType
                    + ", which is not valid in proto3");
        }
    }

    private static int zigzag32(long n) {
        int v = (int) n;
        return (v >>> 1) ^ -(v & 1);
    }

    private static long zigzag64(long n) {
        return (n >>> 1) ^ -(n & 1);
    }

    /** A growable long array, to avoid boxing bucket values. */
    private static final class Longs {
        long[] values = new long[8];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** A growable double array, to avoid boxing bucket values. */
    private static final class Doubles {
        double[] values = new double[8];
        int size;

        void add(double v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        double[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
