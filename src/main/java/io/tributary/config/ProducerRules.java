package io.tributary.config;

import java.util.Set;

import static io.tributary.config.Violations.KAFKA;

/** Checks the distributor's producer: record size and format, compression, buffering and write timeout. */
final class ProducerRules {

    /** Mimir's range: Kafka's 1 MiB default message.max.bytes up to Mimir's own default, 15983616. */
    static final int MIN_RECORD_SIZE = 1_048_576;
    static final int MAX_RECORD_SIZE = 15_983_616;

    private static final Set<String> COMPRESSIONS = Set.of("", "none", "gzip", "snappy", "lz4", "zstd");

    private ProducerRules() {
    }

    static void check(KafkaSettings kafka, Violations out) {
        int recordSize = kafka.getProducerMaxRecordSizeBytes();
        if (recordSize < MIN_RECORD_SIZE || recordSize > MAX_RECORD_SIZE) {
            String key = KAFKA + "producer-max-record-size-bytes";
            out.add(key, recordSize, key + " is " + recordSize + ": allowed range is " + MIN_RECORD_SIZE + ".."
                    + MAX_RECORD_SIZE);
        }
        int version = kafka.getProducerRecordVersion();
        if (version < 0 || version > 2) {
            String key = KAFKA + "producer-record-version";
            out.add(key, version, key + " is " + version + ": allowed values are 0, 1 and 2");
        }
        String compression = kafka.getProducerCompression() == null ? "" : kafka.getProducerCompression();
        if (!COMPRESSIONS.contains(compression)) {
            String key = KAFKA + "producer-compression";
            out.add(key, compression, key + " is " + compression + ": allowed values are none, gzip, snappy, lz4"
                    + " and zstd, or empty for snappy");
        }
        long buffered = kafka.getProducerMaxBufferedBytes();
        if (buffered < 0) {
            String key = KAFKA + "producer-max-buffered-bytes";
            out.add(key, buffered, key + " is " + buffered + ": set 0 for no limit, or a number of bytes");
        } else if (buffered > 0 && buffered < kafka.getProducerMaxRecordSizeBytes()) {
            // The producer's buffer must hold one largest record, or Kafka refuses that record outright.
            String key = KAFKA + "producer-max-buffered-bytes";
            out.add(key, buffered, key + " is " + buffered + ", less than " + KAFKA + "producer-max-record-size-bytes ("
                    + kafka.getProducerMaxRecordSizeBytes() + "): the buffer must hold at least one largest record;"
                    + " set 0 for no limit, or at least that many bytes");
        }
        out.positive(KAFKA + "write-timeout", kafka.getWriteTimeout());
    }
}
