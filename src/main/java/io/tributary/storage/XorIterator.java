package io.tributary.storage;

/**
 * Reads the samples of a Prometheus XOR chunk in order. Usage: {@code while (it.next()) { it.timestamp();
 * it.valueBits(); }}.
 */
public final class XorIterator {
    private final BitReader reader;
    private final int total;
    private int read;
    private long timestamp;
    private long delta;
    private long valueBits;
    private XorValueReader values;

    public XorIterator(byte[] chunk) {
        if (chunk.length < 2) {
            throw new IllegalArgumentException("XOR chunk shorter than its header");
        }
        this.total = ((chunk[0] & 0xff) << 8) | (chunk[1] & 0xff);
        this.reader = new BitReader(chunk, 2, chunk.length);
    }

    public boolean next() {
        if (read >= total) {
            return false;
        }
        if (read == 0) {
            timestamp = reader.readVarint();
            valueBits = reader.readBits(64);
            values = new XorValueReader(valueBits);
        } else if (read == 1) {
            delta = reader.readUvarint();
            timestamp += delta;
            valueBits = values.read(reader);
        } else {
            delta += readDeltaOfDelta();
            timestamp += delta;
            valueBits = values.read(reader);
        }
        read++;
        return true;
    }

    public long timestamp() {
        return timestamp;
    }

    public long valueBits() {
        return valueBits;
    }

    public double value() {
        return Double.longBitsToDouble(valueBits);
    }

    private long readDeltaOfDelta() {
        int prefix = 0;
        for (int i = 0; i < 4 && reader.readBit(); i++) {
            prefix++;
        }
        int size = switch (prefix) {
            case 0 -> 0;
            case 1 -> 14;
            case 2 -> 17;
            case 3 -> 20;
            default -> 64;
        };
        if (size == 0) {
            return 0;
        }
        long bits = reader.readBits(size);
        if (size != 64 && bits > (1L << (size - 1))) {
            bits -= 1L << size;
        }
        return bits;
    }
}
