package io.tributary.distributor;

import java.util.Arrays;

import io.tributary.protocol.CommonSymbols;
import io.tributary.protocol.ProtoWriter;
import io.tributary.protocol.SliceHash;
import io.tributary.protocol.WireType;

/**
 * The {@code symbolsRW2} table of one version-2 record under construction: interns byte ranges of the
 * request buffer and hands out refs (0..35 common, 64+i for {@code symbolsRW2[i]}), writing each new
 * symbol straight into its encoded form.
 *
 * <p>For RW2 input the request's own symbol index is a perfect cache key, so each distinct request symbol is
 * hashed at most once per record. Not thread-safe.
 */
final class RecordSymbols {

    private final ProtoWriter encoded = new ProtoWriter(16 * 1024);
    private int count; // entries in symbolsRW2, including "" at index 0
    private int[] slots = new int[1024]; // entry index + 1, 0 = empty
    private int[] entOff = new int[512];
    private int[] entLen = new int[512];
    private int[] entHash = new int[512];
    private byte[] src;

    // Cache: request symbol index -> ref, valid when stamp == generation.
    private int[] cacheRef = new int[256];
    private int[] cacheStamp = new int[256];
    private int generation = 1;

    /** Starts a new record whose strings live in {@code source}. */
    void reset(byte[] source, int requestSymbolCount) {
        src = source;
        encoded.reset();
        Arrays.fill(slots, 0);
        count = 0;
        // symbolsRW2[0] is always "" (ref 64), as Mimir's encoder emits it.
        encoded.writeTag(4, WireType.LEN);
        encoded.writeVarint(0);
        append(0, 0, 0);
        if (cacheRef.length < requestSymbolCount) {
            cacheRef = new int[requestSymbolCount];
            cacheStamp = new int[requestSymbolCount];
        }
        if (++generation == 0) {
            Arrays.fill(cacheStamp, 0);
            generation = 1;
        }
    }

    ProtoWriter encoded() {
        return encoded;
    }

    int count() {
        return count;
    }

    /** Ref of a string that is the request's symbol {@code symbol} (RW2 input), or -1 for RW1 input. */
    int ref(int off, int len, int symbol) {
        if (symbol < 0) {
            return ref(off, len);
        }
        if (cacheStamp[symbol] == generation) {
            return cacheRef[symbol];
        }
        int r = ref(off, len);
        cacheStamp[symbol] = generation;
        cacheRef[symbol] = r;
        return r;
    }

    int ref(int off, int len) {
        if (len == 0) {
            return 0;
        }
        int h = SliceHash.hash(src, off, len);
        int common = CommonSymbols.lookup(src, off, len, h);
        if (common >= 0) {
            return common;
        }
        int mask = slots.length - 1;
        int slot = h & mask;
        int e;
        while ((e = slots[slot]) != 0) {
            int i = e - 1;
            if (entHash[i] == h && SliceHash.equal(src, entOff[i], entLen[i], src, off, len)) {
                return CommonSymbols.OFFSET + i;
            }
            slot = (slot + 1) & mask;
        }
        int i = count;
        append(off, len, h);
        slots[slot] = i + 1;
        encoded.writeBytesField(4, src, off, len);
        if (count * 2 > slots.length) {
            rehash();
        }
        return CommonSymbols.OFFSET + i;
    }

    private void append(int off, int len, int h) {
        if (count == entOff.length) {
            entOff = Arrays.copyOf(entOff, count * 2);
            entLen = Arrays.copyOf(entLen, count * 2);
            entHash = Arrays.copyOf(entHash, count * 2);
        }
        entOff[count] = off;
        entLen[count] = len;
        entHash[count] = h;
        count++;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        int mask = slots.length - 1;
        for (int i = 1; i < count; i++) { // entry 0 ("") is never looked up
            int slot = entHash[i] & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = i + 1;
        }
    }
}
