package io.tributary.ingest;

import java.util.List;
import java.util.Map;

import io.tributary.distributor.PartitionRecord;

/**
 * What became of one remote-write request: the records to produce and what was accepted or discarded.
 *
 * <p>{@code rejectionsByReason} counts series for series-level reasons and samples/histograms for timestamp
 * reasons; {@code firstRejection} is a human-readable message naming the first discarded series, or null.
 */
public record ProcessedWrite(List<PartitionRecord> records, int acceptedSamples, int acceptedHistograms,
        int acceptedExemplars, int acceptedMetadata, int rejectedSeries, int rejectedSamples,
        int rejectedHistograms, int rejectedExemplars, Map<String, Integer> rejectionsByReason,
        String firstRejection) {

    public ProcessedWrite {
        records = List.copyOf(records);
        rejectionsByReason = Map.copyOf(rejectionsByReason);
    }

    /** Whether anything at all was discarded (the HTTP layer answers 400 for a partial write). */
    public boolean hasRejections() {
        return firstRejection != null;
    }
}
