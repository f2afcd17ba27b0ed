package io.tributary.protocol;

/** The snappy block declares more uncompressed bytes than allowed (the HTTP layer answers 413). */
public class SnappyLimitExceededException extends Exception {

    private final long declaredBytes;
    private final long maxBytes;

    public SnappyLimitExceededException(long declaredBytes, long maxBytes) {
        super("decompressed body of " + declaredBytes + " bytes exceeds the limit of " + maxBytes + " bytes",
                null, false, false);
        this.declaredBytes = declaredBytes;
        this.maxBytes = maxBytes;
    }

    public long declaredBytes() {
        return declaredBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
