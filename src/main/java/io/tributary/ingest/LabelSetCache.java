package io.tributary.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.tributary.protocol.LabelBytesInterner;

/**
 * Remembers label sets that passed validation, keyed by their exact RW1 wire bytes, together with their routing
 * token for one tenant seed.
 *
 * <p>Why: Mimir's token is FNV-1, a serial multiply+xor per byte (~4 cycles/byte, ~0.4 µs for a 300-byte label
 * set), and the per-byte label-name syntax check costs almost as much again. Prometheus resends the same series
 * every scrape interval, byte for byte, so looking the label bytes up (a word-at-a-time hash, then a vectorised
 * {@link Arrays#equals} against the stored copy) replaces both. A hit is exact, never probabilistic: the stored
 * bytes are compared in full, the labels (hence the validation verdict and the token) are a pure function of
 * these bytes, and the tenant seed is compared too. The validation verdict depends on the
 * {@link ValidationLimits}, so a cache belongs to one {@link WriteRequestProcessor}.
 *
 * <p>Thread-safe and lock-free: one instance is shared by all request threads. Entries are immutable and
 * published through an {@link AtomicReferenceArray}; lookups allocate nothing. A miss allocates one entry.
 *
 * <p>The stored keys double as the process's shared label-set keys ({@link LabelBytesInterner}): in
 * {@code target=all} the partition readers' series caches take their key arrays from here instead of copying
 * the same bytes again. A key interned before the distributor has seen it (replay after a restart) is kept as a
 * key-only entry, which never answers {@link #lookup} but whose array a later {@link #put} of the same bytes
 * reuses, so the sharing holds whichever side sees a series first.
 *
 * <p>Memory bound: {@value #SLOTS} slots in 2-way sets (a newer key replaces one of its set's two), keys of at
 * most {@value #MAX_KEY_BYTES} bytes, and an admission budget: an entry is only stored while the estimated
 * retained size of all entries stays ≤ {@value #MAX_RETAINED_BYTES} bytes (64 MiB), plus the 1 MiB slot
 * array. At ~400 bytes per kube-state-metrics series that is ~130k distinct series; a working set larger than
 * that degrades to a miss (hash + compare, then the uncached path), never to unbounded memory. The slots are
 * twice the series the budget admits because 2-way sets at 3/4 load left a fifth of 100k series out (measured:
 * 81k of 100k cached with 2^17 slots).
 */
final class LabelSetCache implements LabelBytesInterner {

    static final int SLOTS = 1 << 18;
    static final int MAX_KEY_BYTES = 1024;
    static final long MAX_RETAINED_BYTES = 64L << 20;

    /** Returned by {@link #lookup} when the label set is not cached. Tokens are returned as unsigned ints. */
    static final long MISS = -1;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long K1 = 0x9E3779B97F4A7C15L;
    private static final long K2 = 0xC2B2AE3D27D4EB4FL;

    private final AtomicReferenceArray<Entry> table = new AtomicReferenceArray<>(SLOTS);
    private final AtomicLong retainedBytes = new AtomicLong();

    private static final class Entry {
        final long hash;
        /** False for a key-only entry ({@link #intern}): no verdict, no token. */
        final boolean validated;
        final int seed;
        final int token;
        final byte[] key;

        Entry(long hash, boolean validated, int seed, int token, byte[] key) {
            this.hash = hash;
            this.validated = validated;
            this.seed = seed;
            this.token = token;
            this.key = key;
        }

        boolean keyEquals(long hash, byte[] b, int off, int len) {
            return this.hash == hash && key.length == len && Arrays.equals(key, 0, len, b, off, off + len);
        }

        /** Object header + fields, plus the key array's header and padding. */
        static long retained(int keyLength) {
            return 32 + ((16L + keyLength + 7) & ~7L);
        }
    }

    /**
     * 64-bit hash of {@code b[off, off+len)}, 8 bytes per step. The multiplies are off the dependency chain
     * (each lane only does rotate+add per word) and two lanes alternate words, so the loop runs at about the
     * multiplier's throughput instead of its latency; fmix64 at the end spreads every bit into the slot index.
     * Collisions only cost a miss: hits are verified byte for byte.
     */
    static long hash(byte[] b, int off, int len) {
        long h1 = len * K1;
        long h2 = ~len;
        int i = off;
        int end = off + len;
        for (; end - i >= 16; i += 16) {
            h1 = Long.rotateLeft(h1, 23) + (long) LONGS.get(b, i) * K1;
            h2 = Long.rotateLeft(h2, 23) + (long) LONGS.get(b, i + 8) * K2;
        }
        if (end - i >= 8) {
            h1 = Long.rotateLeft(h1, 23) + (long) LONGS.get(b, i) * K1;
            i += 8;
        }
        long tail = 0;
        for (int s = 0; i < end; i++, s += 8) {
            tail |= (b[i] & 0xffL) << s;
        }
        h2 = Long.rotateLeft(h2, 23) + tail * K2;
        long h = h1 ^ Long.rotateLeft(h2, 17);
        // murmur3 fmix64: every input bit reaches the low bits used for the slot index
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    /** The token of the validated label set {@code b[off, off+len)} for {@code seed}, or {@link #MISS}. */
    long lookup(int seed, byte[] b, int off, int len, long hash) {
        int set = set(hash);
        // A plain read suffices: Entry's fields are final, so a racing reader sees either null or a whole entry.
        Entry e = table.getPlain(set);
        if (e == null || e.hash != hash) {
            e = table.getPlain(set + 1);
        }
        if (e != null && e.validated && e.seed == seed && e.keyEquals(hash, b, off, len)) {
            return e.token & 0xffffffffL;
        }
        return MISS;
    }

    /** Stores a validated label set and its token, unless the key is too long or the budget is spent. */
    void put(int seed, byte[] b, int off, int len, long hash, int token) {
        if (len <= MAX_KEY_BYTES) {
            store(hash, true, seed, token, b, off, len);
        }
    }

    /**
     * The stored key equal to {@code b[off, off+len)}, whatever its seed; else stores it as a key-only entry
     * (budget permitting) and returns that copy.
     */
    @Override
    public byte[] intern(byte[] b, int off, int len) {
        if (len > MAX_KEY_BYTES) {
            return Arrays.copyOfRange(b, off, off + len);
        }
        long hash = hash(b, off, len);
        byte[] shared = sharedKey(hash, b, off, len);
        if (shared != null) {
            return shared;
        }
        Entry stored = store(hash, false, 0, 0, b, off, len);
        return stored != null ? stored.key : Arrays.copyOfRange(b, off, off + len);
    }

    /** The key array of an entry in the hash's set with exactly these bytes, or null. */
    private byte[] sharedKey(long hash, byte[] b, int off, int len) {
        int set = set(hash);
        for (int slot = set; slot <= set + 1; slot++) {
            Entry e = table.getPlain(slot);
            if (e != null && e.keyEquals(hash, b, off, len)) {
                return e.key;
            }
        }
        return null;
    }

    /** Writes an entry into the hash's set; returns it, or null when the budget or a racing writer refused it. */
    private Entry store(long hash, boolean validated, int seed, int token, byte[] b, int off, int len) {
        // The same bytes already stored (another seed, or key-only): replace that entry and share its array.
        int set = set(hash);
        int slot = -1;
        byte[] key = null;
        for (int way = set; way <= set + 1; way++) {
            Entry e = table.get(way);
            if (e != null && e.keyEquals(hash, b, off, len)) {
                slot = way;
                key = e.key;
                break;
            }
        }
        if (slot < 0) {
            // 2-way sets: a free way if any, else a way picked by a hash bit. Direct mapping made the few
            // colliding pairs of a 2000-series request evict each other on every request.
            slot = table.get(set) == null ? set
                    : table.get(set + 1) == null ? set + 1 : set + (int) ((hash >>> 40) & 1);
        }
        Entry old = table.get(slot);
        // Checked before copying the key: a miss that would grow the cache past its budget allocates nothing
        // (replacing an entry of a full set still does: newer label sets win).
        long delta = key != null ? 0 : Entry.retained(len) - (old == null ? 0 : Entry.retained(old.key.length));
        if (delta > 0 && retainedBytes.get() + delta > MAX_RETAINED_BYTES) {
            return null;
        }
        Entry e = new Entry(hash, validated, seed, token, key != null ? key : Arrays.copyOfRange(b, off, off + len));
        // CAS keeps the byte count exact when two threads replace the same slot; the loser simply skips.
        if (!table.compareAndSet(slot, old, e)) {
            return null;
        }
        retainedBytes.addAndGet(delta);
        return e;
    }

    /** Estimated bytes retained by the stored entries (not counting the slot array). */
    long retainedBytes() {
        return retainedBytes.get();
    }

    /** First slot of the hash's 2-way set. */
    private static int set(long hash) {
        return (int) hash & (SLOTS - 2);
    }
}
