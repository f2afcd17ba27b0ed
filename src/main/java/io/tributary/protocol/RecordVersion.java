package io.tributary.protocol;

/**
 * The version of a Mimir ingest-storage record, carried in the Kafka header {@value #HEADER_KEY} as a
 * 4-byte big-endian integer; a record without that header is version 0.
 */
public enum RecordVersion {
    /** RW1-compatible value, no header. */
    V0(0),
    /** Same value bytes as v0, with the header (readable by v0 readers). */
    V1(1),
    /** RW2-style symbolised value with the shared common-symbol table. */
    V2(2);

    /** Header name, exactly as Mimir's ingesters look it up. */
    public static final String HEADER_KEY = "Version";

    private final int number;

    RecordVersion(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The header value, or {@code null} for v0, which is written without the header. */
    public byte[] headerValue() {
        if (this == V0) {
            return null;
        }
        return new byte[] {0, 0, 0, (byte) number};
    }

    public static RecordVersion of(int number) {
        return switch (number) {
            case 0 -> V0;
            case 1 -> V1;
            case 2 -> V2;
            // Mimir skips records of unknown versions, i.e. silent data loss: never guess.
            default -> throw new IllegalArgumentException("unsupported record version " + number + ": allowed are 0, 1, 2");
        };
    }

    /** Parses the header value; {@code null} (no header) means v0. */
    public static RecordVersion fromHeader(byte[] value) {
        if (value == null) {
            return V0;
        }
        if (value.length != 4) {
            throw new IllegalArgumentException("Version header must be 4 bytes, got " + value.length);
        }
        int n = (value[0] & 0xff) << 24 | (value[1] & 0xff) << 16 | (value[2] & 0xff) << 8 | (value[3] & 0xff);
        return of(n);
    }
}
