package io.tributary.protocol;

/**
 * A bounds-checked cursor over protobuf bytes that never allocates.
 *
 * <p>Every read checks the current limit, so a hostile length or truncated varint fails with
 * {@link MalformedProtobufException} instead of an index error. Nested messages are read by saving
 * the limit, narrowing it with {@link #pushLimit(int)} and restoring it with {@link #popLimit(int)}.
 */
public final class ProtoReader {

    private byte[] buf;
    private int pos;
    private int limit;

    public ProtoReader() {
    }

    public ProtoReader(byte[] buf, int offset, int length) {
        reset(buf, offset, length);
    }

    /** Points the reader at {@code buf[offset, offset+length)}. */
    public ProtoReader reset(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buf.length || offset + length < 0) {
            throw new IllegalArgumentException("range outside buffer");
        }
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
        return this;
    }

    public byte[] buffer() {
        return buf;
    }

    public int position() {
        return pos;
    }

    public int limit() {
        return limit;
    }

    public boolean hasRemaining() {
        return pos < limit;
    }

    /** Reads a field tag and checks that its field number is not 0 (which protobuf forbids). */
    public int readTag() {
        long tag = readVarint64();
        if (tag > Integer.MAX_VALUE || (tag >>> 3) == 0) {
            throw new MalformedProtobufException("invalid-tag", "invalid field tag " + tag + " at byte " + pos);
        }
        int wt = (int) tag & 7;
        if (wt > WireType.FIXED32) {
            throw new MalformedProtobufException("invalid-wire-type", "invalid wire type " + wt + " at byte " + pos);
        }
        return (int) tag;
    }

    public long readVarint64() {
        int p = pos;
        final int lim = limit;
        final byte[] b = buf;
        if (p < lim) {
            byte first = b[p];
            if (first >= 0) { // one-byte fast path: most tags and small lengths
                pos = p + 1;
                return first;
            }
        }
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (p >= lim) {
                throw new MalformedProtobufException("truncated", "truncated varint at byte " + p);
            }
            byte x = b[p++];
            result |= (long) (x & 0x7f) << shift;
            if (x >= 0) {
                pos = p;
                return result;
            }
        }
        throw new MalformedProtobufException("invalid-varint", "varint longer than 10 bytes at byte " + pos);
    }

    /** Reads a varint that protobuf declares as (u)int32: the upper bits are dropped, as protobuf does. */
    public int readVarint32() {
        return (int) readVarint64();
    }

    public long readFixed64() {
        int p = pos;
        if (limit - p < 8) {
            throw new MalformedProtobufException("truncated", "truncated fixed64 at byte " + p);
        }
        byte[] b = buf;
        pos = p + 8;
        return (b[p] & 0xffL) | (b[p + 1] & 0xffL) << 8 | (b[p + 2] & 0xffL) << 16 | (b[p + 3] & 0xffL) << 24
                | (b[p + 4] & 0xffL) << 32 | (b[p + 5] & 0xffL) << 40 | (b[p + 6] & 0xffL) << 48
                | (b[p + 7] & 0xffL) << 56;
    }

    /** Reads the length prefix of a LEN field and checks that the payload fits in the current limit. */
    public int readLength() {
        long len = readVarint64();
        if (len < 0 || len > limit - pos) {
            throw new MalformedProtobufException("invalid-length",
                    "length " + len + " at byte " + pos + " exceeds the " + (limit - pos) + " remaining bytes");
        }
        return (int) len;
    }

    /** Narrows the limit to {@code length} bytes from here and returns the previous limit. */
    public int pushLimit(int length) {
        int old = limit;
        limit = pos + length;
        return old;
    }

    public void popLimit(int oldLimit) {
        if (pos != limit) {
            throw new MalformedProtobufException("invalid-length", "nested message not fully consumed at byte " + pos);
        }
        limit = oldLimit;
    }

    /** Moves past {@code n} bytes that the caller already bounds-checked (e.g. via {@link #readLength()}). */
    public void skipBytes(int n) {
        pos += n;
    }

    /** Skips the value of a field of the given wire type; groups are rejected because no message here uses them. */
    public void skipField(int tag) {
        switch (tag & 7) {
            case WireType.VARINT -> readVarint64();
            case WireType.FIXED64 -> skipFixed(8);
            case WireType.LEN -> {
                int len = readLength(); // not "pos += readLength()": that would add to the stale pos
                pos += len;
            }
            case WireType.FIXED32 -> skipFixed(4);
            default -> throw new MalformedProtobufException("invalid-wire-type",
                    "unsupported wire type " + (tag & 7) + " at byte " + pos);
        }
    }

    private void skipFixed(int n) {
        if (limit - pos < n) {
            throw new MalformedProtobufException("truncated", "truncated fixed" + (n * 8) + " at byte " + pos);
        }
        pos += n;
    }

    /** Fails with a clear message when a known field arrives with the wrong wire type. */
    public static void expectWireType(int tag, int wireType, String what) {
        if ((tag & 7) != wireType) {
            throw new MalformedProtobufException("invalid-wire-type",
                    what + " has wire type " + (tag & 7) + ", expected " + wireType);
        }
    }
}
