package io.tributary.storage.block;

import io.tributary.storage.Labels;
import io.tributary.storage.SeriesChunks;
import io.tributary.storage.StoredChunk;
import io.tributary.storage.XorChunk;
import io.tributary.storage.XorIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/** Test data: series of float samples cut into XOR chunks of 120 samples, as Prometheus's head cuts them. */
final class Samples {
    static final long STALE_NAN = 0x7ff0000000000002L;

    private Samples() {
    }

    /** One sample; the value as raw bits so stale markers survive comparisons. */
    record Sample(long timestamp, long valueBits) {
        static Sample of(long timestamp, double value) {
            return new Sample(timestamp, Double.doubleToRawLongBits(value));
        }

        double value() {
            return Double.longBitsToDouble(valueBits);
        }
    }

    static SeriesChunks series(Labels labels, List<Sample> samples) {
        List<StoredChunk> chunks = new ArrayList<>();
        XorChunk chunk = new XorChunk();
        for (Sample s : samples) {
            if (chunk.isFull()) {
                chunks.add(chunk.toStored());
                chunk = new XorChunk();
            }
            chunk.append(s.timestamp(), s.valueBits());
        }
        if (chunk.count() > 0) {
            chunks.add(chunk.toStored());
        }
        return new SeriesChunks(labels, chunks);
    }

    /** {@code count} samples every {@code step} ms from {@code start}, values from {@code value(i)}. */
    static List<Sample> regular(long start, long step, int count, IntToDoubleFunction value) {
        List<Sample> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            samples.add(Sample.of(start + i * step, value.applyAsDouble(i)));
        }
        return samples;
    }

    static List<Sample> decode(List<StoredChunk> chunks) {
        List<Sample> samples = new ArrayList<>();
        for (StoredChunk c : chunks) {
            XorIterator it = new XorIterator(c.data());
            while (it.next()) {
                samples.add(new Sample(it.timestamp(), it.valueBits()));
            }
        }
        return samples;
    }
}
