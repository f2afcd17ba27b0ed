package io.tributary.ingester;

import io.tributary.protocol.LabelColumns;
import io.tributary.protocol.ScannedRequest;
import io.tributary.protocol.SliceHash;
import io.tributary.storage.HeadSeries;
import io.tributary.storage.Labels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Remembers which head series a series' label bytes belong to, for one tenant in one partition reader.
 *
 * <p>Why: a Prometheus server resends the same series every scrape, so nearly every series in a record has
 * been seen before. Decoding its 20 label strings and building a {@code Labels} for every sample cost more than
 * appending the sample, and so did finding the series by those labels among 100,000 (a chain of cache misses).
 * A hit instead copies the label bytes into a scratch key, hashes it a word at a time and compares it with the
 * stored key ({@link Arrays#equals}, vectorised), allocating nothing, and hands back the series to append to. A
 * hit is exact: the whole key is compared, so a hash collision only costs a miss. A series that truncation has
 * removed since is noticed by the append ({@link io.tributary.storage.TenantHead#appendFloat(HeadSeries, long,
 * long)} returns null) and replaced.
 *
 * <p>Memory: per cached series its key (the label bytes plus a length byte or two per string) and a reference
 * to the head's series. Open addressing with linear probing; the table doubles while it is half full, up to
 * {@value #MAX_SLOTS} slots (then a new label set evicts an old one), and label sets longer than
 * {@value #MAX_KEY_BYTES} bytes are not cached, so memory follows the partition's series, bounded.
 *
 * <p>Not thread safe: a partition has one reader thread at a time; {@link TenantDatabases} hands the cache
 * over under its monitor.
 */
final class SeriesCache {
    static final int MAX_SLOTS = 1 << 18;
    static final int MAX_KEY_BYTES = 2048;
    private static final int INITIAL_SLOTS = 1 << 10;
    /** Linear probing stops here, so a lookup in a full table stays cheap. */
    private static final int MAX_PROBES = 32;

    private int[] hashes = new int[INITIAL_SLOTS];
    private byte[][] keys = new byte[INITIAL_SLOTS][];
    private HeadSeries[] series = new HeadSeries[INITIAL_SLOTS];
    private int entries;

    /** The key of the last {@link #get}: varint length + bytes of every name and value, in order. */
    private byte[] scratch = new byte[512];
    private int scratchLength;
    private int scratchHash;

    /** The cached head series of series {@code s}, or null; either way {@link #putLast} may follow. */
    HeadSeries get(ScannedRequest request, int s) {
        if (!buildKey(request, s)) {
            return null;
        }
        int mask = keys.length - 1;
        for (int i = 0, slot = scratchHash & mask; i < MAX_PROBES; i++, slot = (slot + 1) & mask) {
            byte[] key = keys[slot];
            if (key == null) {
                return null;
            }
            if (hashes[slot] == scratchHash && Arrays.equals(key, 0, key.length, scratch, 0, scratchLength)) {
                return series[slot];
            }
        }
        return null;
    }

    /** Caches {@code value} under the key of the last {@link #get}, which missed or found a removed series. */
    void putLast(HeadSeries value) {
        if (scratchLength < 0) {
            return; // too long to cache
        }
        if (entries >= keys.length / 2 && keys.length < MAX_SLOTS) {
            grow();
        }
        int mask = keys.length - 1;
        int home = scratchHash & mask;
        int target = home; // when every probed slot is taken (a full table), the home slot's entry is evicted
        for (int i = 0, slot = home; i < MAX_PROBES; i++, slot = (slot + 1) & mask) {
            if (keys[slot] != null && hashes[slot] == scratchHash
                    && Arrays.equals(keys[slot], 0, keys[slot].length, scratch, 0, scratchLength)) {
                series[slot] = value; // the same label set, whose series was removed and created anew
                return;
            }
            if (keys[slot] == null) {
                target = slot;
                entries++;
                break;
            }
        }
        store(target, scratchHash, Arrays.copyOf(scratch, scratchLength), value);
    }

    int slots() {
        return keys.length;
    }

    private void store(int slot, int hash, byte[] key, HeadSeries value) {
        hashes[slot] = hash;
        keys[slot] = key;
        series[slot] = value;
    }

    private void grow() {
        int[] oldHashes = hashes;
        byte[][] oldKeys = keys;
        HeadSeries[] oldSeries = series;
        hashes = new int[oldHashes.length * 2];
        keys = new byte[oldKeys.length * 2][];
        series = new HeadSeries[oldSeries.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = oldHashes[i] & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask; // at most half full, so a free slot comes soon
                }
                store(slot, oldHashes[i], oldKeys[i], oldSeries[i]);
            }
        }
    }

    /** Builds the scratch key of series {@code s}; false (and no key) when it is longer than the cap. */
    private boolean buildKey(ScannedRequest request, int s) {
        LabelColumns columns = request.labels();
        byte[] buf = request.buffer();
        int at = 0;
        for (int l = request.labelFirst(s), end = l + request.labelCount(s); l < end; l++) {
            at = append(buf, columns.nameOffset(l), columns.nameLength(l), at);
            at = append(buf, columns.valueOffset(l), columns.valueLength(l), at);
            if (at < 0) {
                scratchLength = -1;
                return false;
            }
        }
        scratchLength = at;
        scratchHash = SliceHash.hash(scratch, 0, at);
        return true;
    }

    private int append(byte[] buf, int off, int len, int at) {
        if (at < 0 || at + len + 3 > MAX_KEY_BYTES) {
            return -1;
        }
        if (at + len + 3 > scratch.length) {
            scratch = Arrays.copyOf(scratch, MAX_KEY_BYTES);
        }
        // A varint length keeps ("ab","c") and ("a","bc") apart; label strings are far shorter than 2^14.
        if (len < 0x80) {
            scratch[at++] = (byte) len;
        } else {
            scratch[at++] = (byte) (len | 0x80);
            scratch[at++] = (byte) (len >>> 7);
        }
        System.arraycopy(buf, off, scratch, at, len);
        return at + len;
    }

    /** Decodes series {@code s}'s labels (what a miss costs). */
    static Labels decode(ScannedRequest request, int s) {
        LabelColumns columns = request.labels();
        byte[] buf = request.buffer();
        String[] pairs = new String[2 * request.labelCount(s)];
        int i = 0;
        for (int l = request.labelFirst(s), end = l + request.labelCount(s); l < end; l++) {
            pairs[i++] = new String(buf, columns.nameOffset(l), columns.nameLength(l), StandardCharsets.UTF_8);
            pairs[i++] = new String(buf, columns.valueOffset(l), columns.valueLength(l), StandardCharsets.UTF_8);
        }
        return Labels.ofSorted(pairs);
    }
}
