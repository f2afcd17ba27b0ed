package io.tributary.consumer;

/**
 * Where an operator moves a stopped partition reader: the first offset it will read next. {@code value} is the
 * timestamp in ms for {@link Kind#TIMESTAMP}, the offset for {@link Kind#OFFSET}, and unused otherwise.
 */
public record OffsetResetTarget(Kind kind, long value) {

    /** The ways to name the next offset, as kafka-consumer-groups.sh --reset-offsets names them. */
    public enum Kind {
        /** The log start offset: re-read everything Kafka still retains. */
        START,
        /** The log end offset: skip everything produced so far. */
        END,
        /** The first record whose timestamp is at or after {@code value} ms; the log end when there is none. */
        TIMESTAMP,
        /** {@code value} itself, which must lie between the log start and end offsets. */
        OFFSET
    }
}
