package io.tributary.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A fast non-cryptographic hash and equality for byte ranges, used to intern label strings without
 * creating {@code String} objects. Reads 8 bytes at a time because label strings are hashed once per label.
 */
public final class SliceHash {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long K = 0x9E3779B97F4A7C15L;

    private SliceHash() {
    }

    public static int hash(byte[] b, int off, int len) {
        long h = len * K;
        int i = off;
        int end = off + len;
        for (; end - i >= 8; i += 8) {
            h = (h ^ (long) LONGS.get(b, i)) * K;
            h ^= h >>> 29;
        }
        long tail = 0;
        for (int s = 0; i < end; i++, s += 8) {
            tail |= (b[i] & 0xffL) << s;
        }
        h = (h ^ tail) * K;
        h ^= h >>> 32;
        return (int) h;
    }

    public static boolean equal(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
        return aLen == bLen && Arrays.equals(a, aOff, aOff + aLen, b, bOff, bOff + bLen);
    }
}
