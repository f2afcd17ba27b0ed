package io.tributary.protocol;

import java.util.List;

/**
 * A decoded record value in a version-independent shape: version 2 records are normalised so that a record
 * decodes to the same object whichever version carried it (series metadata becomes {@code metadata} entries,
 * and metadata-only carrier series are not reported as series).
 */
public record MimirWriteRequest(List<Series> series, List<MetricMetadata> metadata, int source,
        boolean skipLabelValidation) {

    public MimirWriteRequest {
        series = List.copyOf(series);
        metadata = List.copyOf(metadata);
    }
}
