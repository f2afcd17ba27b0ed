package io.tributary.storage;

import java.util.List;

/** A series and its chunks in time order. */
public record SeriesChunks(Labels labels, List<StoredChunk> chunks) {
    public SeriesChunks {
        chunks = List.copyOf(chunks);
    }
}
