package io.tributary.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class XorChunkTest {
    private static final long STALE_NAN = 0x7ff0000000000002L;

    @Test
    void roundTripsEveryDeltaOfDeltaWidthAndValueShape() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 2000; round++) {
            XorChunk chunk = new XorChunk();
            List<long[]> written = new ArrayList<>();
            long t = random.nextLong(-1L << 40, 1L << 41);
            long v = Double.doubleToRawLongBits(random.nextDouble() * 1000);
            int n = 1 + random.nextInt(XorChunk.MAX_SAMPLES);
            for (int i = 0; i < n; i++) {
                chunk.append(t, v);
                written.add(new long[] {t, v});
                t += switch (random.nextInt(6)) {
                    case 0 -> 15_000;
                    case 1 -> random.nextInt(1 << 13);
                    case 2 -> random.nextInt(1 << 16);
                    case 3 -> random.nextInt(1 << 19);
                    case 4 -> random.nextLong(1L << 40);
                    default -> 1;
                };
                v = switch (random.nextInt(6)) {
                    case 0 -> v;
                    case 1 -> v ^ (1L << random.nextInt(64));
                    case 2 -> Double.doubleToRawLongBits(random.nextDouble());
                    case 3 -> STALE_NAN;
                    case 4 -> random.nextLong();
                    default -> Double.doubleToRawLongBits(Double.longBitsToDouble(v) + 1);
                };
            }
            assertThat(readAll(chunk.toStored().data())).as("round %d", round)
                    .usingElementComparator((a, b) -> a[0] == b[0] && a[1] == b[1] ? 0 : 1)
                    .containsExactlyElementsOf(written);
            assertThat(chunk.toStored().sampleCount()).isEqualTo(n);
        }
    }

    @Test
    void aFullChunkOfRegularSamplesLeavesLittleOfItsBufferUnused() {
        XorChunk counter = new XorChunk();
        XorChunk gauge = new XorChunk();
        SplittableRandom random = new SplittableRandom(3);
        long t = 1_700_000_000_000L;
        for (int i = 0; i < XorChunk.MAX_SAMPLES; i++) {
            t += 15_000 + random.nextInt(-30, 30); // scrape jitter: the timestamps' delta of delta is rarely 0
            counter.append(t, Double.doubleToRawLongBits(1_000_000 + 17.0 * i));
            gauge.append(t, Double.doubleToRawLongBits(400 + 2.5 * ((i * 31) % 17 - 8)));
        }
        for (XorChunk chunk : List.of(counter, gauge)) {
            // Grown by half each time it fills, the buffer would end up to a third unused (the counter's 450 bytes
            // in 648); sized from the first samples, it is off only by how well they predict the rest.
            assertThat(chunk.capacityBytes()).isBetween(chunk.sizeBytes(), chunk.sizeBytes() * 5 / 4);
        }
    }

    @Test
    void aSeriesThatOutgrowsItsEstimateStillRoundTrips() {
        XorChunk chunk = new XorChunk();
        List<long[]> written = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < XorChunk.MAX_SAMPLES; i++) {
            // Constant for the estimate's samples, then random bits: every later sample costs far more.
            long v = i < XorChunk.SIZE_ESTIMATE_AT ? 42 : random.nextLong();
            chunk.append(1000L * i, v);
            written.add(new long[] {1000L * i, v});
        }
        assertThat(readAll(chunk.toStored().data()))
                .usingElementComparator((a, b) -> a[0] == b[0] && a[1] == b[1] ? 0 : 1)
                .containsExactlyElementsOf(written);
        assertThat(chunk.capacityBytes()).isGreaterThanOrEqualTo(chunk.sizeBytes());
    }

    @Test
    void deltaOfDeltaBoundariesUsePrometheusAsymmetricRanges() {
        long[] dods = {8192, -8191, 8193, -8192, 65536, -65535, 65537, 524288, -524287, 524289, -524288};
        for (long dod : dods) {
            XorChunk chunk = new XorChunk();
            chunk.append(1_000_000, 1);
            chunk.append(1_100_000, 2);
            chunk.append(1_200_000 + dod, 3);
            assertThat(readAll(chunk.toStored().data()).get(2)[0]).as("dod %d", dod).isEqualTo(1_200_000 + dod);
        }
    }

    @Test
    void layoutMatchesPrometheusForAKnownSeries() {
        XorChunk chunk = new XorChunk();
        chunk.append(1000, Double.doubleToRawLongBits(1.0));
        chunk.append(2000, Double.doubleToRawLongBits(1.0));
        chunk.append(3000, Double.doubleToRawLongBits(2.0));
        byte[] data = chunk.toStored().data();
        // count 3; varint(1000)=d0 0f; 1.0 = 3ff0000000000000; uvarint(1000)=e8 07; value unchanged = 0 bit;
        // dod 0 = 0 bit; 2.0^1.0 = 0x7ff0000000000000: control 1,1, leading 1 (00001), 11 significant bits
        // (001011), then eleven 1 bits.
        assertThat(data).containsExactly(bytes(0x00, 0x03, 0xd0, 0x0f, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0xe8, 0x07,
                0b0011_0000, 0b1001_0111, 0b1111_1111, 0b1100_0000));
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static List<long[]> readAll(byte[] data) {
        List<long[]> out = new ArrayList<>();
        XorIterator it = new XorIterator(data);
        while (it.next()) {
            out.add(new long[] {it.timestamp(), it.valueBits()});
        }
        return out;
    }
}
