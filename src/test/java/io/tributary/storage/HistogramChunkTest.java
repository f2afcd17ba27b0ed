package io.tributary.storage;

import static io.tributary.storage.HistogramFixtures.counter;
import static io.tributary.storage.HistogramFixtures.samples;
import static io.tributary.storage.HistogramFixtures.spans;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Histogram chunks: Prometheus's byte layout, checked by hand, and round trips through the chunk cutting. */
class HistogramChunkTest {
    private static final long RANGE = 7_200_000;
    private static final BucketLayout TWO_BUCKETS = new BucketLayout(0, 0, spans(0, 2), List.of(), new double[0]);

    @Test
    void integerChunkBytesAreLaidOutAsPrometheusDoes() {
        IntegerHistogramChunk chunk = new IntegerHistogramChunk(CounterResetHeader.UNKNOWN);
        chunk.append(1000, counter(TWO_BUCKETS, 0, 2.5, 3, 2));
        chunk.append(1015, counter(TWO_BUCKETS, 0, 4.0, 4, 3));

        assertThat(chunk.toStored().data()).containsExactly(bytes(
                0x00, 0x02, // two samples
                0x00, // flags: counter reset unknown
                // zero threshold 0 (byte 00000000) | schema 0 (0) | 1 positive span (10 001) | length 2 (10 010)
                // | offset 0 (0) | no negative spans (0) | t=1000 (11110 001111101000) | count 5 (10 101)
                // | zero count 0 (0) | sum 2.5 (64 bits of 0x4004000000000000) | bucket 3 (10 011) | delta -1 (10 111)
                // then the second sample: t dod 15 (110 001111) | count dod 2 (10 010) | zero count dod 0 (0)
                // | sum 4.0 xor 2.5 = 0x0014000000000000: new window (11), 11 leading zeros (01011), 3 bits (000011),
                // 101 | bucket 0 dod 1 (10 001) | bucket 1 dod 0 (0) | padding
                0x00, 0x46, 0x47, 0x8f, 0xa2, 0xa4, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09, 0xdf, 0x1f, 0x26,
                0xb0, 0xec, 0x40));
        assertThat(chunk.toStored().encoding()).isEqualTo(ChunkEncoding.HISTOGRAM);
    }

    @Test
    void floatChunkBytesAreLaidOutAsPrometheusDoes() {
        BucketLayout layout = new BucketLayout(-1, HistogramFixtures.DEFAULT_ZERO_THRESHOLD, spans(-2, 1), spans(1, 1),
                new double[0]);
        FloatHistogramChunk chunk = new FloatHistogramChunk(CounterResetHeader.GAUGE);
        chunk.append(0, new FloatHistogram(ResetHint.GAUGE, layout, 2.0, 0.5, -1.25, new double[] {1.0},
                new double[] {0.5}));
        chunk.append(60_000, new FloatHistogram(ResetHint.GAUGE, layout, 3.0, 0.5, -1.25, new double[] {2.0},
                new double[] {0.5}));

        assertThat(chunk.toStored().data()).containsExactly(bytes(
                0x00, 0x02, 0xc0, // two samples, gauge histograms
                // zero threshold 2^-128 as one byte, 116 | schema -1 (10 111) | 1 positive span (10 001) of length 1
                // (10 001) at offset -2 (10 110) | 1 negative span (10 001) of length 1 (10 001) at offset 1
                // (10 001) | t=0 (0) | count, zero count, sum, positive and negative bucket as raw float64s
                0x74, 0xbc, 0x63, 0x68, 0xc6, 0x24, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xfe, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x00, 0x0b, 0xff, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xff, 0x00, 0x00, 0x00,
                0x00, 0x00, 0x00, 0x03, 0xfe, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                // second sample: t dod 60000 (111110 + 18 bits) | count 3.0 xor 2.0: new window, 12 leading zeros,
                // 1 bit | zero count and sum unchanged (0, 0) | bucket 2.0 xor 1.0 = 0x7ff0...: new window, 1
                // leading zero, 11 bits 11111111111 | negative bucket unchanged (0) | padding
                0x0f, 0x8e, 0xa6, 0x0d, 0x80, 0xcc, 0x25, 0xff, 0xf0));
        assertThat(chunk.toStored().encoding()).isEqualTo(ChunkEncoding.FLOAT_HISTOGRAM);
    }

    @Test
    void zeroThresholdsThatAreNotSmallPowersOfTwoTakeNineBytes() {
        for (double threshold : new double[] {0.001, Math.scalb(1.0, 11), Math.scalb(1.0, -244)}) {
            BucketLayout layout = new BucketLayout(0, threshold, List.of(), List.of(), new double[0]);
            IntegerHistogramChunk chunk = new IntegerHistogramChunk(CounterResetHeader.UNKNOWN);
            chunk.append(0, counter(layout, 1, 0));
            byte[] data = chunk.toStored().data();
            assertThat(data[3] & 0xff).as("threshold %s", threshold).isEqualTo(255);
            assertThat(decodeAll(chunk.toStored()).get(0).layout().zeroThreshold()).isEqualTo(threshold);
        }
        BucketLayout largest = new BucketLayout(0, 1024, List.of(), List.of(), new double[0]);
        IntegerHistogramChunk chunk = new IntegerHistogramChunk(CounterResetHeader.UNKNOWN);
        chunk.append(0, counter(largest, 1, 0));
        assertThat(chunk.toStored().data()[3] & 0xff).isEqualTo(254);
    }

    @Test
    void theFirstChunkOfASeriesDoesNotKnowAboutResets() {
        List<StoredChunk> chunks = HistogramChunks.encode(samples(0, 15_000,
                counter(TWO_BUCKETS, 0, 1, 1, 1), counter(TWO_BUCKETS, 0, 2, 2, 1)), RANGE);

        assertThat(chunks).singleElement().satisfies(c -> assertThat(header(c)).isEqualTo(CounterResetHeader.UNKNOWN));
        assertThat(decodeAll(chunks.get(0))).extracting(NativeHistogram::resetHint)
                .containsExactly(ResetHint.UNKNOWN, ResetHint.NO);
    }

    @Test
    void aBucketThatWentDownStartsAChunkMarkedAsACounterReset() {
        List<StoredChunk> chunks = HistogramChunks.encode(samples(0, 15_000,
                counter(TWO_BUCKETS, 0, 1, 5, 5), counter(TWO_BUCKETS, 0, 2, 6, 4)), RANGE);

        assertThat(chunks).extracting(HistogramChunkTest::header)
                .containsExactly(CounterResetHeader.UNKNOWN, CounterResetHeader.COUNTER_RESET);
        assertThat(decodeAll(chunks.get(1)).get(0).resetHint()).isEqualTo(ResetHint.YES);
    }

    @Test
    void aDisappearingBucketIsAResetOnlyWhenItHadObservations() {
        BucketLayout firstOnly = new BucketLayout(0, 0, spans(0, 1), List.of(), new double[0]);
        List<StoredChunk> emptyBucketGone = HistogramChunks.encode(samples(0, 15_000,
                counter(TWO_BUCKETS, 0, 1, 5, 0), counter(firstOnly, 0, 1, 6)), RANGE);
        List<StoredChunk> usedBucketGone = HistogramChunks.encode(samples(0, 15_000,
                counter(TWO_BUCKETS, 0, 1, 5, 1), counter(firstOnly, 0, 1, 7)), RANGE);

        assertThat(header(emptyBucketGone.get(1))).isEqualTo(CounterResetHeader.NOT_COUNTER_RESET);
        assertThat(header(usedBucketGone.get(1))).isEqualTo(CounterResetHeader.COUNTER_RESET);
    }

    @Test
    void aNewBucketStartsAChunkWithoutAReset() {
        BucketLayout wider = new BucketLayout(0, 0, spans(0, 2, 3, 1), List.of(), new double[0]);
        List<HistogramSample> input = samples(0, 15_000, counter(TWO_BUCKETS, 0, 1, 5, 5),
                counter(wider, 0, 1, 5, 6, 1));

        List<StoredChunk> chunks = HistogramChunks.encode(input, RANGE);

        assertThat(chunks).extracting(HistogramChunkTest::header)
                .containsExactly(CounterResetHeader.UNKNOWN, CounterResetHeader.NOT_COUNTER_RESET);
        assertThat(decodeAll(chunks.get(1)).get(0).resetHint()).isEqualTo(ResetHint.NO);
    }

    @Test
    void aSchemaChangeCannotBeComparedSoTheNextChunkDoesNotKnow() {
        List<StoredChunk> chunks = HistogramChunks.encode(samples(0, 15_000, counter(TWO_BUCKETS, 0, 1, 5, 5),
                counter(new BucketLayout(-1, 0, spans(0, 1), List.of(), new double[0]), 0, 1, 11)), RANGE);

        assertThat(chunks).extracting(HistogramChunkTest::header)
                .containsExactly(CounterResetHeader.UNKNOWN, CounterResetHeader.UNKNOWN);
    }

    @Test
    void anExplicitResetHintStartsAChunkEvenWhenNothingWentDown() {
        List<StoredChunk> chunks = HistogramChunks.encode(samples(0, 15_000, counter(TWO_BUCKETS, 0, 1, 5, 5),
                counter(TWO_BUCKETS, 0, 1, 6, 6).withResetHint(ResetHint.YES)), RANGE);

        assertThat(chunks).extracting(HistogramChunkTest::header)
                .containsExactly(CounterResetHeader.UNKNOWN, CounterResetHeader.COUNTER_RESET);
    }

    @Test
    void gaugeHistogramsGoUpAndDownInOneChunk() {
        List<StoredChunk> chunks = HistogramChunks.encode(samples(0, 15_000,
                counter(TWO_BUCKETS, 0, 1, 5, 5).withResetHint(ResetHint.GAUGE),
                counter(TWO_BUCKETS, 0, 1, 2, 9).withResetHint(ResetHint.GAUGE),
                counter(TWO_BUCKETS, 0, 1, 1, 1).withResetHint(ResetHint.GAUGE)), RANGE);

        assertThat(chunks).singleElement().satisfies(c -> assertThat(header(c)).isEqualTo(CounterResetHeader.GAUGE));
        assertThat(decodeAll(chunks.get(0))).extracting(NativeHistogram::resetHint).containsOnly(ResetHint.GAUGE);
    }

    @Test
    void chunksAreCutAt120SamplesAndAtTheBlockRange() {
        NativeHistogram[] steady = new NativeHistogram[130];
        for (int i = 0; i < steady.length; i++) {
            steady[i] = counter(TWO_BUCKETS, i, i, i, 2L * i);
        }
        List<StoredChunk> byCount = HistogramChunks.encode(samples(0, 1_000, steady), RANGE);
        List<StoredChunk> byRange = HistogramChunks.encode(samples(RANGE - 2_000, 1_000, steady[0], steady[1],
                steady[2]), RANGE);

        assertThat(byCount).extracting(StoredChunk::sampleCount).containsExactly(120, 10);
        assertThat(header(byCount.get(1))).isEqualTo(CounterResetHeader.NOT_COUNTER_RESET);
        assertThat(byRange).extracting(StoredChunk::minTime, StoredChunk::maxTime)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(RANGE - 2_000, RANGE - 1_000),
                        org.assertj.core.groups.Tuple.tuple(RANGE, RANGE));
    }

    @Test
    void aStaleMarkerKeepsOnlyItsSumAndTheNextValueStartsAChunk() {
        NativeHistogram stale = counter(TWO_BUCKETS, 0, HistogramFixtures.STALE_NAN, 5, 5);
        List<StoredChunk> chunks = HistogramChunks.encode(samples(0, 15_000, counter(TWO_BUCKETS, 0, 1, 5, 5), stale,
                stale, counter(TWO_BUCKETS, 0, 1, 5, 5)), RANGE);

        assertThat(chunks).extracting(StoredChunk::sampleCount).containsExactly(3, 1);
        assertThat(header(chunks.get(1))).isEqualTo(CounterResetHeader.UNKNOWN);
        assertThat(decodeAll(chunks.get(0)).subList(1, 3)).containsOnly(IntegerHistogram.staleMarker());
    }

    @Test
    void integerAndFloatHistogramsGoToChunksOfTheirOwnEncoding() {
        FloatHistogram asFloat = new FloatHistogram(ResetHint.UNKNOWN, TWO_BUCKETS, 12, 0, 1, new double[] {6, 6},
                new double[0]);
        List<StoredChunk> chunks = HistogramChunks.encode(samples(0, 15_000, counter(TWO_BUCKETS, 0, 1, 5, 5),
                asFloat), RANGE);

        assertThat(chunks).extracting(StoredChunk::encoding)
                .containsExactly(ChunkEncoding.HISTOGRAM, ChunkEncoding.FLOAT_HISTOGRAM);
    }

    @Test
    void changedCustomBoundsAreAReset() {
        BucketLayout bounds = new BucketLayout(-53, 0, spans(0, 2), List.of(), new double[] {0.1, 1});
        BucketLayout otherBounds = new BucketLayout(-53, 0, spans(0, 2), List.of(), new double[] {0.25, 1});
        List<StoredChunk> chunks = HistogramChunks.encode(samples(0, 15_000, counter(bounds, 0, 1, 1, 1),
                counter(otherBounds, 0, 1, 2, 2)), RANGE);

        assertThat(chunks).extracting(HistogramChunkTest::header)
                .containsExactly(CounterResetHeader.UNKNOWN, CounterResetHeader.COUNTER_RESET);
        assertThat(decodeAll(chunks.get(1)).get(0).layout().customValues()).containsExactly(0.25, 1);
    }

    @Test
    void outOfOrderInputIsRefused() {
        List<HistogramSample> input = new ArrayList<>(samples(0, 15_000, counter(TWO_BUCKETS, 0, 1, 1, 1),
                counter(TWO_BUCKETS, 0, 1, 1, 1)));
        input.add(input.get(0));

        assertThatThrownBy(() -> HistogramChunks.encode(input, RANGE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("histogram at 0 does not follow the one at 15000");
    }

    /**
     * Many random series (schema, layout and kind changes, resets, gauges, stale markers, custom bounds) come
     * back from their chunks equal to what went in, bar reset hints, which chunks keep only as the header says.
     */
    @Test
    void randomSeriesSurviveChunkingAndDecoding() {
        SplittableRandom random = new SplittableRandom(42);
        for (int s = 0; s < 300; s++) {
            HistogramFixtures.RandomSeries series = new HistogramFixtures.RandomSeries(random);
            List<NativeHistogram> written = new ArrayList<>();
            List<HistogramSample> input = new ArrayList<>();
            long t = random.nextLong(-1L << 40, 1L << 42);
            int n = 1 + random.nextInt(400);
            for (int i = 0; i < n; i++) {
                NativeHistogram h = series.next();
                written.add(h);
                input.add(new HistogramSample(t, HistogramMessageEncoder.encode(h, t)));
                t += random.nextInt(4) == 0 ? 1 + random.nextLong(1L << 33) : 15_000 + random.nextInt(3) - 1;
            }
            List<StoredChunk> chunks = HistogramChunks.encode(input, RANGE);

            List<HistogramSample> read = new ArrayList<>();
            long previousMax = Long.MIN_VALUE;
            for (StoredChunk chunk : chunks) {
                assertThat(chunk.sampleCount()).isBetween(1, 120);
                assertThat(Math.floorDiv(chunk.minTime(), RANGE)).isEqualTo(Math.floorDiv(chunk.maxTime(), RANGE));
                assertThat(chunk.minTime()).isGreaterThan(previousMax);
                previousMax = chunk.maxTime();
                read.addAll(HistogramChunks.decode(chunk));
            }
            assertThat(read).extracting(HistogramSample::timestamp)
                    .containsExactlyElementsOf(input.stream().map(HistogramSample::timestamp).toList());
            for (int i = 0; i < n; i++) {
                NativeHistogram back = HistogramMessageDecoder.decode(read.get(i).encoded());
                NativeHistogram expected = written.get(i);
                assertThat(HistogramFixtures.storedForm(back)).as("series %d sample %d", s, i)
                        .isEqualTo(HistogramFixtures.storedForm(expected));
                if (!expected.isStale() && (expected.isGauge() || expected.resetHint() == ResetHint.YES)) {
                    assertThat(back.resetHint()).as("series %d sample %d", s, i).isEqualTo(expected.resetHint());
                }
            }
        }
    }

    @Test
    void varbitNumbersRoundTripAtEveryWidthBoundary() {
        long[] values = {0, 1, -3, 4, 5, -4, 32, -31, 33, 256, -255, 257, 2048, -2047, 2049, 131072, -131071,
                131073, 16777216, -16777215, 16777217, 1L << 55, -(1L << 55) + 1, (1L << 55) + 1, Long.MAX_VALUE,
                Long.MIN_VALUE};
        BitWriter out = new BitWriter(16);
        for (long v : values) {
            Varbit.writeInt(out, v);
            Varbit.writeUint(out, v);
        }
        byte[] bytes = out.toByteArray();
        BitReader in = new BitReader(bytes, 0, bytes.length);
        for (long v : values) {
            assertThat(Varbit.readInt(in)).isEqualTo(v);
            assertThat(Varbit.readUint(in)).isEqualTo(v);
        }
    }

    private static CounterResetHeader header(StoredChunk chunk) {
        return CounterResetHeader.of(chunk.data()[2]);
    }

    private static List<NativeHistogram> decodeAll(StoredChunk chunk) {
        HistogramChunkIterator it = HistogramChunkIterator.of(chunk.encoding(), chunk.data());
        List<NativeHistogram> out = new ArrayList<>();
        while (it.next()) {
            out.add(it.histogram());
        }
        return out;
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
