package io.tributary.distributor;

/**
 * How partition records are written: the Mimir record version (1 or 2) and the largest record value to build
 * before splitting by whole series.
 */
public record RecordFormat(int recordVersion, int maxRecordSizeBytes) {

    /** Mimir's default (and maximum) producer-max-record-size-bytes. */
    public static final int DEFAULT_MAX_RECORD_SIZE_BYTES = 15_983_616;

    public RecordFormat {
        if (recordVersion != 1 && recordVersion != 2) {
            throw new IllegalArgumentException("recordVersion must be 1 or 2, got " + recordVersion);
        }
        if (maxRecordSizeBytes <= 0) {
            throw new IllegalArgumentException("maxRecordSizeBytes must be positive, got " + maxRecordSizeBytes);
        }
    }
}
