package io.tributary.protocol;

/**
 * One {@code prometheus.Chunk} of a streamed remote-read answer: the inclusive time range of its samples, the
 * encoding ({@code 1} = XOR, {@code 2} = histogram, {@code 3} = float histogram) and the chunk bytes exactly as
 * Prometheus stores them. The array is not copied.
 */
public record Chunk(long minTimeMs, long maxTimeMs, int encoding, byte[] data) {

    /** The payload size of the {@code Chunk} message; proto3 omits zero numbers and empty bytes. */
    int messageSize() {
        return (minTimeMs != 0 ? 1 + ProtoWriter.varintSize(minTimeMs) : 0)
                + (maxTimeMs != 0 ? 1 + ProtoWriter.varintSize(maxTimeMs) : 0)
                + (encoding != 0 ? 1 + ProtoWriter.varintSize(encoding) : 0)
                + (data.length != 0 ? ProtoWriter.lenFieldSize(4, data.length) : 0);
    }

    void writeTo(ProtoWriter w) {
        if (minTimeMs != 0) {
            w.writeTag(1, WireType.VARINT);
            w.writeVarint(minTimeMs);
        }
        if (maxTimeMs != 0) {
            w.writeTag(2, WireType.VARINT);
            w.writeVarint(maxTimeMs);
        }
        if (encoding != 0) {
            w.writeTag(3, WireType.VARINT);
            w.writeVarint(encoding);
        }
        if (data.length != 0) {
            w.writeBytesField(4, data, 0, data.length);
        }
    }
}
