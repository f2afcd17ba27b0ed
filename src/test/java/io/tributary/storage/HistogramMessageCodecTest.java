package io.tributary.storage;

import static io.tributary.storage.HistogramFixtures.spans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import io.tributary.testproto.rw1.BucketSpan;
import io.tributary.testproto.rw1.Histogram;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The protobuf Histogram message against protobuf-java's generated code (rw1.proto) as the oracle. */
class HistogramMessageCodecTest {

    private static final Histogram REQUEST_LATENCY = Histogram.newBuilder()
            .setCountInt(12).setSum(3.75).setSchema(3).setZeroThreshold(0.001).setZeroCountInt(2)
            .addNegativeSpans(BucketSpan.newBuilder().setOffset(-2).setLength(1))
            .addNegativeDeltas(1)
            .addPositiveSpans(BucketSpan.newBuilder().setOffset(-1).setLength(2))
            .addPositiveSpans(BucketSpan.newBuilder().setOffset(3).setLength(0))
            .addPositiveSpans(BucketSpan.newBuilder().setOffset(1).setLength(2))
            .addPositiveDeltas(4).addPositiveDeltas(-1).addPositiveDeltas(-2).addPositiveDeltas(0)
            .setResetHint(Histogram.ResetHint.NO).setTimestamp(1_700_000_000_000L).build();

    @Test
    void anIntegerHistogramDecodesFieldForField() {
        NativeHistogram decoded = HistogramMessageDecoder.decode(REQUEST_LATENCY.toByteArray());

        assertThat(decoded).isEqualTo(new IntegerHistogram(ResetHint.NO,
                new io.tributary.storage.BucketLayout(3, 0.001, spans(-1, 2, 3, 0, 1, 2), spans(-2, 1), new double[0]),
                12, 2, 3.75, new long[] {4, -1, -2, 0}, new long[] {1}));
    }

    @Test
    void aFloatHistogramDecodesWithAbsoluteCountsAndCustomBounds() {
        Histogram message = Histogram.newBuilder().setCountFloat(7.5).setSum(-1.5).setSchema(-53)
                .setZeroCountFloat(0)
                .addPositiveSpans(BucketSpan.newBuilder().setLength(3))
                .addPositiveCounts(2.5).addPositiveCounts(0).addPositiveCounts(5)
                .addCustomValues(0.1).addCustomValues(0.5).addCustomValues(2.5)
                .setResetHint(Histogram.ResetHint.GAUGE).build();

        assertThat(HistogramMessageDecoder.decode(message.toByteArray())).isEqualTo(new FloatHistogram(
                ResetHint.GAUGE, new io.tributary.storage.BucketLayout(-53, 0, spans(0, 3), List.of(),
                        new double[] {0.1, 0.5, 2.5}), 7.5, 0, -1.5, new double[] {2.5, 0, 5}, new double[0]));
    }

    @Test
    void unpackedRepeatedNumbersReadLikePackedOnes() {
        // count_int 5 | positive span {length 2} | positive_deltas 3 and -1 as two unpacked sint64 fields
        byte[] unpacked = HexFormat.of().parseHex("0805" + "5a021002" + "6006" + "6001");
        Histogram packed = Histogram.newBuilder().setCountInt(5)
                .addPositiveSpans(BucketSpan.newBuilder().setLength(2)).addPositiveDeltas(3).addPositiveDeltas(-1)
                .build();

        assertThat(HistogramMessageDecoder.decode(unpacked)).isEqualTo(HistogramMessageDecoder.decode(packed.toByteArray()));
    }

    @Test
    void unknownFieldsAndTheRemoteWrite2StartTimestampAreSkipped() {
        byte[] known = REQUEST_LATENCY.toByteArray();
        byte[] withUnknown = concat(known, HexFormat.of().parseHex(
                "8801" + "e807" // field 17 (start_timestamp) = 1000
                        + "a2010301ff02" // field 20, length-delimited
                        + "ad0101020304")); // field 21, fixed32

        assertThat(HistogramMessageDecoder.decode(withUnknown)).isEqualTo(HistogramMessageDecoder.decode(known));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a varint cut short                 | 08ff        | histogram message ends inside count_int",
        "a span longer than the message      | 5a05100208  | positive_spans claims 5 bytes but only 3 are left",
        "the sum as a varint                 | 1801        | histogram field 3 (sum) has wire type 0, expected 1",
        "a group, which proto3 does not have | 0805a301    | unknown field 20 has wire type 3, which is not valid in proto3",
        "packed doubles of a partial double  | 6a03010203  | positive_counts: packed doubles take 3 bytes, not a multiple of 8",
    })
    void malformedBytesAreRefusedNamingWhatIsWrong(String what, String hex, String message) {
        assertThatThrownBy(() -> HistogramMessageDecoder.decode(HexFormat.of().parseHex(hex)))
                .isInstanceOf(InvalidHistogramException.class).hasMessageContaining(message);
    }

    @Test
    void spansThatDescribeOtherThanTheBucketsPresentAreRefused() {
        Histogram tooFewDeltas = REQUEST_LATENCY.toBuilder().clearPositiveDeltas().addPositiveDeltas(4).build();

        assertThatThrownBy(() -> HistogramMessageDecoder.decode(tooFewDeltas.toByteArray()))
                .isInstanceOf(InvalidHistogramException.class)
                .hasMessage("histogram positive spans describe 4 buckets but the message has 1 positive bucket values");
    }

    @Test
    void integerAndFloatCountsDoNotMix() {
        Histogram mixed = Histogram.newBuilder().setCountInt(3).setZeroCountFloat(1.5).build();
        Histogram floatsInAnIntegerHistogram = Histogram.newBuilder().setCountInt(3)
                .addPositiveSpans(BucketSpan.newBuilder().setLength(1)).addPositiveCounts(3).build();

        assertThatThrownBy(() -> HistogramMessageDecoder.decode(mixed.toByteArray()))
                .hasMessage("histogram mixes kinds: count is an integer but zero_count is a float");
        assertThatThrownBy(() -> HistogramMessageDecoder.decode(floatsInAnIntegerHistogram.toByteArray()))
                .hasMessageContaining("integer histogram (count_int) carries float bucket counts");
    }

    @Test
    void onlyKnownSchemasAndCustomBoundsOnlyWithTheCustomSchema() {
        assertThatThrownBy(() -> HistogramMessageDecoder.decode(Histogram.newBuilder().setSchema(9).build().toByteArray()))
                .hasMessageStartingWith("histogram schema 9 is not supported");
        assertThatThrownBy(() -> HistogramMessageDecoder.decode(Histogram.newBuilder().setSchema(2)
                .addCustomValues(1).build().toByteArray()))
                .hasMessageStartingWith("histogram of schema 2 has 1 custom_values");
        assertThatThrownBy(() -> HistogramMessageDecoder.decode(Histogram.newBuilder().setZeroThreshold(-1)
                .build().toByteArray()))
                .hasMessageStartingWith("histogram zero_threshold -1.0 is not a finite number");
    }

    @Test
    void aStaleMarkersBucketsAreNotChecked() {
        Histogram stale = REQUEST_LATENCY.toBuilder().setSum(HistogramFixtures.STALE_NAN).clearPositiveDeltas().build();

        assertThat(HistogramMessageDecoder.decode(stale.toByteArray()).isStale()).isTrue();
    }

    @Test
    void theEncoderWritesWhatProtobufJavaReadsBack() throws InvalidProtocolBufferException {
        NativeHistogram decoded = HistogramMessageDecoder.decode(REQUEST_LATENCY.toByteArray());

        assertThat(Histogram.parseFrom(HistogramMessageEncoder.encode(decoded, REQUEST_LATENCY.getTimestamp())))
                .isEqualTo(REQUEST_LATENCY);
    }

    @Test
    void zeroCountsStillSayWhetherTheHistogramIsIntegerOrFloat() throws InvalidProtocolBufferException {
        IntegerHistogram emptyInteger = new IntegerHistogram(ResetHint.UNKNOWN, io.tributary.storage.BucketLayout.EMPTY,
                0, 0, 0, new long[0], new long[0]);
        FloatHistogram emptyFloat = new FloatHistogram(ResetHint.UNKNOWN, io.tributary.storage.BucketLayout.EMPTY,
                0, 0, 0, new double[0], new double[0]);

        Histogram integer = Histogram.parseFrom(HistogramMessageEncoder.encode(emptyInteger, 0));
        Histogram floating = Histogram.parseFrom(HistogramMessageEncoder.encode(emptyFloat, 0));

        assertThat(integer.getCountCase()).isEqualTo(Histogram.CountCase.COUNT_INT);
        assertThat(integer.getZeroCountCase()).isEqualTo(Histogram.ZeroCountCase.ZERO_COUNT_INT);
        assertThat(floating.getCountCase()).isEqualTo(Histogram.CountCase.COUNT_FLOAT);
        assertThat(floating.getZeroCountCase()).isEqualTo(Histogram.ZeroCountCase.ZERO_COUNT_FLOAT);
        assertThat(HistogramMessageDecoder.decode(HistogramMessageEncoder.encode(emptyFloat, 0))).isEqualTo(emptyFloat);
    }

    @Test
    void randomHistogramsSurviveEncodingAndDecodingExactly() throws InvalidProtocolBufferException {
        SplittableRandom random = new SplittableRandom(11);
        for (int s = 0; s < 50; s++) {
            HistogramFixtures.RandomSeries series = new HistogramFixtures.RandomSeries(random);
            for (int i = 0; i < 100; i++) {
                NativeHistogram h = series.next();
                byte[] encoded = HistogramMessageEncoder.encode(h, 1_000L * i);
                assertThat(Histogram.parseFrom(encoded).getTimestamp()).isEqualTo(1_000L * i);
                NativeHistogram back = HistogramMessageDecoder.decode(encoded);
                // A stale marker's buckets are dropped by design; everything else must come back bit for bit.
                assertThat(h.isStale() ? back.isStale() : back.equals(h)).as("%s", h).isTrue();
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
