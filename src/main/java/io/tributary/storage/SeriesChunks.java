package io.tributary.storage;

import java.util.List;

/**
 * A series with its float chunks in time order, and its native histogram samples in time order as protobuf
 * messages: the head keeps them so, and block readers decode their histogram chunks into them (docs/blocks.md).
 */
public record SeriesChunks(Labels labels, List<StoredChunk> chunks, List<HistogramSample> histograms) {
    public SeriesChunks {
        chunks = List.copyOf(chunks);
        histograms = List.copyOf(histograms);
    }

    public SeriesChunks(Labels labels, List<StoredChunk> chunks) {
        this(labels, chunks, List.of());
    }
}
