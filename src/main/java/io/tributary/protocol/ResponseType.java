package io.tributary.protocol;

import java.util.List;
import java.util.Optional;

/** The remote-read response types ({@code prometheus.ReadRequest.ResponseType}) this server can answer with. */
public enum ResponseType {
    /** One snappy-compressed {@code ReadResponse} with raw samples. */
    SAMPLES(0),
    /** A stream of length- and CRC-framed {@code ChunkedReadResponse} messages carrying XOR chunks. */
    STREAMED_XOR_CHUNKS(1);

    private final int number;

    ResponseType(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The type with this wire number, or empty for a number this server does not know. */
    public static Optional<ResponseType> forNumber(int number) {
        for (ResponseType type : values()) {
            if (type.number == number) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /**
     * Prometheus's negotiation: the first type in the client's list that this server supports; SAMPLES when the
     * list is empty (clients older than streamed remote read send none); empty when none is supported.
     */
    public static Optional<ResponseType> negotiate(List<Integer> accepted) {
        if (accepted.isEmpty()) {
            return Optional.of(SAMPLES);
        }
        for (int number : accepted) {
            Optional<ResponseType> type = forNumber(number);
            if (type.isPresent()) {
                return type;
            }
        }
        return Optional.empty();
    }
}
