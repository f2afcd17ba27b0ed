package io.tributary.ingest;

/**
 * Why a series, sample or metadata entry was discarded; ids follow Mimir's discarded-samples reasons so that
 * dashboards and runbooks carry over.
 */
public enum RejectReason {
    MISSING_METRIC_NAME("missing-metric-name", "received a series without metric name"),
    INVALID_LABEL("label-invalid", "received a series with an invalid label name"),
    LABEL_NAME_TOO_LONG("label-name-too-long", "received a series whose label name length exceeds the limit"),
    LABEL_VALUE_TOO_LONG("label-value-too-long", "received a series whose label value length exceeds the limit"),
    EMPTY_LABEL_VALUE("empty-label-value", "received a series with an empty label value"),
    DUPLICATE_LABEL_NAMES("duplicate-label-names", "received a series with duplicate label names"),
    LABELS_NOT_SORTED("labels-not-sorted", "received a series whose labels are not sorted by name"),
    MAX_LABEL_NAMES_PER_SERIES("max-label-names-per-series",
            "received a series whose number of labels exceeds the limit"),
    TOO_FAR_IN_FUTURE("too-far-in-future", "received a sample whose timestamp is too far in the future"),
    TOO_FAR_IN_PAST("too-far-in-past", "received a sample whose timestamp is too far in the past"),
    INVALID_SYMBOL_REF("invalid-symbol-ref", "received a series with a symbol reference outside the symbols table"),
    ODD_LABELS_REFS("odd-labels-refs", "received a series whose labels_refs has an odd number of entries"),
    INVALID_NATIVE_HISTOGRAM("invalid-native-histogram", "received a native histogram that is malformed"),
    SERIES_WITHOUT_SAMPLES("series-without-samples", "received a series with neither samples nor histograms"),
    METADATA_MISSING_METRIC_NAME("metadata-missing-metric-name", "received metadata without a metric family name");

    private final String id;
    private final String description;

    RejectReason(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** Stable id, used as the key of {@link ProcessedWrite#rejectionsByReason()} and as a metric label value. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }
}
