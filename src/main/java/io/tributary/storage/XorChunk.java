package io.tributary.storage;

/**
 * A Prometheus XOR ("Gorilla") float chunk under construction. The byte layout is Prometheus's: a 2-byte
 * big-endian sample count, then the first timestamp as a varint and the first value as 64 raw bits, the second
 * timestamp as a uvarint delta, and after that delta-of-delta timestamps and XOR-compressed values. Values are
 * raw IEEE-754 bits, so stale-marker NaNs are kept bit for bit.
 *
 * <p>Not thread safe; the owning series serialises appends.
 */
public final class XorChunk {
    /** Prometheus cuts a head chunk at 120 samples; its readers expect chunks of about that size. */
    public static final int MAX_SAMPLES = 120;
    /**
     * After this many samples the chunk's buffer is sized for all {@link #MAX_SAMPLES} at the bytes per sample
     * so far plus {@link #SIZE_MARGIN_SHIFT a margin}. Why: a head keeps one open chunk per active series, and a
     * buffer grown by half every time it fills ends about a fifth empty (measured: 91 MB of buffers for 71 MB
     * of chunk data at 100,000 series of 120 samples); a series' samples are regular enough that the first ones
     * predict the rest.
     */
    static final int SIZE_ESTIMATE_AT = 12;
    /** The margin over the estimate: a sixteenth. */
    private static final int SIZE_MARGIN_SHIFT = 4;

    private final BitWriter stream = new BitWriter(128);
    private int count;
    private long minTime;
    private long lastTime;
    private long lastDelta;
    private long lastValueBits;
    private XorValueWriter values;

    public XorChunk() {
        stream.writeByte(0);
        stream.writeByte(0);
    }

    public void append(long timestamp, long valueBits) {
        if (count == 0) {
            writeVarint(timestamp);
            stream.writeBits(valueBits, 64);
            values = new XorValueWriter(valueBits);
            minTime = timestamp;
        } else if (count == 1) {
            long delta = timestamp - lastTime;
            writeUvarint(delta);
            values.write(stream, valueBits);
            lastDelta = delta;
        } else {
            long delta = timestamp - lastTime;
            writeDeltaOfDelta(delta - lastDelta);
            values.write(stream, valueBits);
            lastDelta = delta;
        }
        lastTime = timestamp;
        lastValueBits = valueBits;
        count++;
        stream.setByte(0, (byte) (count >>> 8));
        stream.setByte(1, (byte) count);
        if (count == SIZE_ESTIMATE_AT) {
            // The header and the first sample (a full timestamp and value) cost more than the rest; leave them out.
            // Their length follows from minTime, so no field per chunk keeps it.
            int firstSampleEnd = 2 + uvarintLength((minTime << 1) ^ (minTime >> 63)) + 8;
            int rest = (stream.length() - firstSampleEnd) * (MAX_SAMPLES - 1) / (SIZE_ESTIMATE_AT - 1);
            stream.reserve(firstSampleEnd + rest + (rest >> SIZE_MARGIN_SHIFT) + 4);
        }
    }

    public int count() {
        return count;
    }

    public long minTime() {
        return minTime;
    }

    public long maxTime() {
        return lastTime;
    }

    public long lastValueBits() {
        return lastValueBits;
    }

    public boolean isFull() {
        return count >= MAX_SAMPLES;
    }

    public int sizeBytes() {
        return stream.length();
    }

    /** The bytes its buffer holds, used or not. */
    int capacityBytes() {
        return stream.capacity();
    }

    /** The chunk as it stands, ready to store or send. */
    public StoredChunk toStored() {
        return new StoredChunk(minTime, lastTime, ChunkEncoding.XOR, stream.toByteArray());
    }

    private void writeDeltaOfDelta(long dod) {
        if (dod == 0) {
            stream.writeBit(false);
        } else if (fitsIn(dod, 14)) {
            stream.writeBits(0b10, 2);
            stream.writeBits(dod, 14);
        } else if (fitsIn(dod, 17)) {
            stream.writeBits(0b110, 3);
            stream.writeBits(dod, 17);
        } else if (fitsIn(dod, 20)) {
            stream.writeBits(0b1110, 4);
            stream.writeBits(dod, 20);
        } else {
            stream.writeBits(0b1111, 4);
            stream.writeBits(dod, 64);
        }
    }

    /** Prometheus's {@code bitRange}: the asymmetric range its reader maps back. */
    private static boolean fitsIn(long x, int bits) {
        return -((1L << (bits - 1)) - 1) <= x && x <= 1L << (bits - 1);
    }

    private void writeUvarint(long v) {
        while ((v & ~0x7fL) != 0) {
            stream.writeByte((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        stream.writeByte((int) v);
    }

    private static int uvarintLength(long v) {
        int n = 1;
        while ((v & ~0x7fL) != 0) {
            n++;
            v >>>= 7;
        }
        return n;
    }

    private void writeVarint(long v) {
        writeUvarint((v << 1) ^ (v >> 63));
    }
}
