package io.tributary.query;

import io.tributary.protocol.Chunk;
import io.tributary.protocol.Label;
import io.tributary.protocol.ReadSeries;
import io.tributary.protocol.Sample;
import io.tributary.storage.ChunkEncoding;
import io.tributary.storage.ChunkSequence;
import io.tributary.storage.HistogramSample;
import io.tributary.storage.Labels;
import io.tributary.storage.SeriesChunks;
import io.tributary.storage.StoredChunk;
import io.tributary.storage.XorIterator;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a stored series into what a remote-read answer carries for a query's inclusive range: for SAMPLES, the
 * samples and histograms inside the range; for STREAMED_XOR_CHUNKS, the whole chunks that overlap it (as
 * Prometheus sends them: the client trims), native histograms as histogram chunks (encodings 2 and 3, as
 * Prometheus streams the chunks it stores).
 */
final class RemoteReadSeries {

    private RemoteReadSeries() {
    }

    static List<Label> labels(Labels labels) {
        List<Label> out = new ArrayList<>(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            out.add(new Label(labels.name(i), labels.value(i)));
        }
        return out;
    }

    /** The series' samples and histograms in [mint, maxt], or null when it has none there. */
    static ReadSeries samples(SeriesChunks series, long mint, long maxt) {
        List<Sample> samples = new ArrayList<>();
        for (StoredChunk chunk : series.chunks()) {
            if (!chunk.overlaps(mint, maxt)) {
                continue;
            }
            if (chunk.encoding() != ChunkEncoding.XOR) {
                throw new IllegalStateException("series " + series.labels() + " has a chunk of encoding "
                        + chunk.encoding() + "; the read path decodes XOR chunks only");
            }
            XorIterator it = new XorIterator(chunk.data());
            while (it.next()) {
                long t = it.timestamp();
                if (t > maxt) {
                    break;
                }
                if (t >= mint) {
                    samples.add(new Sample(it.valueBits(), t));
                }
            }
        }
        List<byte[]> histograms = new ArrayList<>();
        for (HistogramSample h : series.histograms()) {
            if (h.timestamp() >= mint && h.timestamp() <= maxt) {
                histograms.add(h.encoded());
            }
        }
        if (samples.isEmpty() && histograms.isEmpty()) {
            return null;
        }
        return new ReadSeries(labels(series.labels()), samples, histograms);
    }

    /**
     * The series with its histograms (kept as messages by the head, decoded from blocks) encoded into histogram
     * chunks, in one non-overlapping sequence with its float chunks, ready for {@link #chunks}.
     */
    static SeriesChunks withHistogramChunks(SeriesChunks series) {
        if (series.histograms().isEmpty()) {
            return series;
        }
        return new SeriesChunks(series.labels(), ChunkSequence.of(series, Long.MAX_VALUE), List.of());
    }

    /** The chunks that overlap [mint, maxt], whole; histograms must have been made chunks already. */
    static List<Chunk> chunks(SeriesChunks series, long mint, long maxt) {
        List<Chunk> out = new ArrayList<>(series.chunks().size());
        for (StoredChunk chunk : series.chunks()) {
            if (chunk.overlaps(mint, maxt)) {
                out.add(new Chunk(chunk.minTime(), chunk.maxTime(), chunk.encoding(), chunk.data()));
            }
        }
        return out;
    }
}
