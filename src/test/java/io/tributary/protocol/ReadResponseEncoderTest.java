package io.tributary.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testproto.read.QueryResult;
import io.tributary.testproto.read.ReadResponse;
import io.tributary.testproto.rw1.BucketSpan;
import io.tributary.testproto.rw1.Histogram;
import io.tributary.testproto.rw1.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The SAMPLES answer, byte for byte against protobuf-java's encoding of the same ReadResponse. */
class ReadResponseEncoderTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final long STALE_NAN = 0x7ff0000000000002L;

    @Test
    void oneQueryWithFloatSeriesIsEncodedAsProtobufDoes() {
        List<Label> api = List.of(new Label("__name__", "http_requests_total"), new Label("job", "api"));
        List<Sample> samples = List.of(Sample.of(1.5, NOW - 30_000), Sample.of(2.5, NOW - 15_000), Sample.of(4, NOW));

        byte[] ours = ReadResponseEncoder.encode(List.of(List.of(new ReadSeries(api, samples, List.of()))));

        ReadResponse expected = ReadResponse.newBuilder().addResults(QueryResult.newBuilder()
                .addTimeseries(oracleSeries(api, samples, List.of()))).build();
        assertThat(ours).isEqualTo(expected.toByteArray());
        assertThat(ReadResponse.newBuilder().build().toByteArray()).isEmpty();
    }

    @Test
    void defaultValuesAreOmittedAndNegativeZeroStaleMarkersAndNegativeTimestampsAreKept() {
        List<Label> labels = List.of(new Label("__name__", "process_open_fds"), new Label("instance", "db-1:9100"));
        List<Sample> samples = List.of(
                new Sample(0, 0),                                       // +0.0 at the epoch: both omitted
                new Sample(Double.doubleToRawLongBits(-0.0), 1),       // -0.0 has a bit set: written
                new Sample(STALE_NAN, NOW),                            // stale marker, bit for bit
                new Sample(Double.doubleToRawLongBits(Double.NaN), -1), // before the epoch: ten-byte varint
                Sample.of(Double.POSITIVE_INFINITY, Long.MIN_VALUE),
                Sample.of(-1e308, Long.MAX_VALUE));

        byte[] ours = ReadResponseEncoder.encode(List.of(List.of(new ReadSeries(labels, samples, List.of()))));

        ReadResponse expected = ReadResponse.newBuilder().addResults(QueryResult.newBuilder()
                .addTimeseries(oracleSeries(labels, samples, List.of()))).build();
        assertThat(ours).isEqualTo(expected.toByteArray());
        double stale = parse(ours).getResults(0).getTimeseries(0).getSamples(2).getValue();
        assertThat(Double.doubleToRawLongBits(stale)).isEqualTo(STALE_NAN);
    }

    @Test
    void histogramsTravelAsTheirOriginalMessageBytesInFieldFour() {
        byte[] histogram = Histogram.newBuilder().setCountInt(12).setSum(3.25).setSchema(3)
                .setZeroThreshold(1e-128).setZeroCountInt(2)
                .addPositiveSpans(BucketSpan.newBuilder().setOffset(-2).setLength(2))
                .addPositiveDeltas(4).addPositiveDeltas(-1).setTimestamp(NOW).build().toByteArray();
        byte[] floatHistogram = Histogram.newBuilder().setCountFloat(7.5).setSum(1.5).setSchema(-4)
                .setTimestamp(NOW + 15_000).build().toByteArray();
        List<Label> labels = List.of(new Label("__name__", "http_request_duration_seconds"),
                new Label("job", "api"));
        List<Sample> samples = List.of(Sample.of(0.5, NOW - 15_000));

        byte[] ours = ReadResponseEncoder.encode(List.of(List.of(
                new ReadSeries(labels, samples, List.of(histogram, floatHistogram)))));

        ReadResponse expected = ReadResponse.newBuilder().addResults(QueryResult.newBuilder()
                .addTimeseries(oracleSeries(labels, samples, List.of(histogram, floatHistogram)))).build();
        assertThat(ours).isEqualTo(expected.toByteArray());
        assertThat(parse(ours).getResults(0).getTimeseries(0).getHistograms(1).getCountFloat())
                .isEqualTo(7.5);
    }

    @Test
    void everyQueryHasAResultInRequestOrderEvenWhenEmpty() {
        List<Label> up = List.of(new Label("__name__", "up"), new Label("job", "node"));
        List<List<ReadSeries>> results = List.of(
                List.of(),
                List.of(new ReadSeries(up, List.of(Sample.of(1, NOW)), List.of())),
                List.of());

        byte[] ours = ReadResponseEncoder.encode(results);

        ReadResponse expected = ReadResponse.newBuilder()
                .addResults(QueryResult.getDefaultInstance())
                .addResults(QueryResult.newBuilder().addTimeseries(oracleSeries(up, List.of(Sample.of(1, NOW)),
                        List.of())))
                .addResults(QueryResult.getDefaultInstance()).build();
        assertThat(ours).isEqualTo(expected.toByteArray());
        assertThat(parse(ours).getResultsCount()).isEqualTo(3);
    }

    @Test
    void manySeriesWithMultiByteLabelsAndLengthsMatchTheOracle() {
        SplittableRandom random = new SplittableRandom(11);
        List<List<ReadSeries>> results = new ArrayList<>();
        ReadResponse.Builder expected = ReadResponse.newBuilder();
        for (int q = 0; q < 3; q++) {
            List<ReadSeries> result = new ArrayList<>();
            QueryResult.Builder oracle = QueryResult.newBuilder();
            for (int s = 0; s < 200; s++) {
                List<Label> labels = List.of(new Label("__name__", "temperature_celsius"),
                        new Label("room", "Küche-" + s), new Label("site", "z".repeat(random.nextInt(300))));
                List<Sample> samples = new ArrayList<>();
                long t = NOW - random.nextLong(1L << 40);
                for (int i = random.nextInt(150); i > 0; i--) {
                    samples.add(new Sample(random.nextLong(), t));
                    t += 15_000;
                }
                result.add(new ReadSeries(labels, samples, List.of()));
                oracle.addTimeseries(oracleSeries(labels, samples, List.of()));
            }
            results.add(result);
            expected.addResults(oracle);
        }

        assertThat(ReadResponseEncoder.encode(results)).isEqualTo(expected.build().toByteArray());
    }

    static TimeSeries oracleSeries(List<Label> labels, List<Sample> samples, List<byte[]> histograms) {
        TimeSeries.Builder ts = TimeSeries.newBuilder();
        labels.forEach(l -> ts.addLabels(io.tributary.testproto.rw1.Label.newBuilder().setName(l.name())
                .setValue(l.value())));
        samples.forEach(s -> ts.addSamples(io.tributary.testproto.rw1.Sample.newBuilder()
                .setValue(Double.longBitsToDouble(s.valueBits())).setTimestamp(s.timestamp())));
        for (byte[] h : histograms) {
            try {
                ts.addHistograms(Histogram.parseFrom(h));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        }
        return ts.build();
    }

    /** Parses with the oracle, so a test reads values back the way a Prometheus client would. */
    private static ReadResponse parse(byte[] bytes) {
        try {
            return ReadResponse.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
