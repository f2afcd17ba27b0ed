package io.tributary.ingester;

import io.tributary.protocol.LabelBytesInterner;
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
 * A hit instead hashes the series' label bytes a word at a time and compares them with the stored key
 * ({@link Arrays#equals}, vectorised), allocating nothing, and hands back the series to append to. A hit is
 * exact: the whole key is compared, so a hash collision only costs a miss.
 *
 * <p>The key is the series' labels as RW1 {@code Label} fields (tags and lengths included): in a version 1
 * record those are the record's own bytes, used in place; for version 2 they are built from the symbols. It is
 * also the write path's label-set key, so the stored arrays come from a {@link LabelBytesInterner} and, in
 * {@code target=all}, are the very arrays the distributor's cache holds. A series that truncation has
 * removed since is noticed by the append ({@link io.tributary.storage.TenantHead#appendFloat(HeadSeries, long,
 * long)} returns null) and replaced.
 *
 * <p>Memory: per cached series its key (the label bytes plus two to four bytes of tags and lengths per string,
 * shared with the write path where it runs in the same process) and a reference to the head's series. Open addressing with linear probing; the table doubles while it is half full, up to
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

    private final LabelBytesInterner interner;
    private int[] hashes = new int[INITIAL_SLOTS];
    private byte[][] keys = new byte[INITIAL_SLOTS][];
    private HeadSeries[] series = new HeadSeries[INITIAL_SLOTS];
    private int entries;

    /** Where a version 2 series' key is built. */
    private byte[] scratch = new byte[512];
    /** The key of the last {@link #get}: {@code keyBytes[keyOffset, keyOffset+keyLength)}; length -1 when uncachable. */
    private byte[] keyBytes;
    private int keyOffset;
    private int keyLength;
    private int keyHash;

    SeriesCache() {
        this(LabelBytesInterner.COPY);
    }

    SeriesCache(LabelBytesInterner interner) {
        this.interner = interner;
    }

    /** The cached head series of series {@code s}, or null; either way {@link #putLast} may follow. */
    HeadSeries get(ScannedRequest request, int s) {
        if (!buildKey(request, s)) {
            return null;
        }
        int mask = keys.length - 1;
        for (int i = 0, slot = keyHash & mask; i < MAX_PROBES; i++, slot = (slot + 1) & mask) {
            byte[] key = keys[slot];
            if (key == null) {
                return null;
            }
            if (hashes[slot] == keyHash && Arrays.equals(key, 0, key.length, keyBytes, keyOffset, keyOffset + keyLength)) {
                return series[slot];
            }
        }
        return null;
    }

    /** Caches {@code value} under the key of the last {@link #get}, which missed or found a removed series. */
    void putLast(HeadSeries value) {
        if (keyLength < 0) {
            return; // too long to cache
        }
        if (entries >= keys.length / 2 && keys.length < MAX_SLOTS) {
            grow();
        }
        int mask = keys.length - 1;
        int home = keyHash & mask;
        int target = home; // when every probed slot is taken (a full table), the home slot's entry is evicted
        for (int i = 0, slot = home; i < MAX_PROBES; i++, slot = (slot + 1) & mask) {
            if (keys[slot] != null && hashes[slot] == keyHash
                    && Arrays.equals(keys[slot], 0, keys[slot].length, keyBytes, keyOffset, keyOffset + keyLength)) {
                series[slot] = value; // the same label set, whose series was removed and created anew
                return;
            }
            if (keys[slot] == null) {
                target = slot;
                entries++;
                break;
            }
        }
        store(target, keyHash, interner.intern(keyBytes, keyOffset, keyLength), value);
    }

    /** Caches {@code value} as series {@code s}'s head series (after appends that did not go through {@link #get}). */
    void put(ScannedRequest request, int s, HeadSeries value) {
        if (buildKey(request, s)) {
            putLast(value);
        }
        forgetKey();
    }

    /** Drops the reference to the last record's bytes (a record may be megabytes) once its series are done. */
    void forgetKey() {
        keyBytes = null;
        keyLength = -1;
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

    /** Points the key at series {@code s}'s label fields; false (and no key) when they are longer than the cap. */
    private boolean buildKey(ScannedRequest request, int s) {
        int rawStart = request.labelsRawStart(s);
        if (rawStart >= 0) {
            keyBytes = request.buffer();
            keyOffset = rawStart;
            keyLength = request.labelsRawEnd(s) - rawStart;
        } else {
            keyOffset = 0;
            keyLength = encodeLabelFields(request, s);
            keyBytes = scratch; // encoding may have grown it
        }
        if (keyLength < 0 || keyLength > MAX_KEY_BYTES) {
            keyLength = -1;
            return false;
        }
        keyHash = SliceHash.hash(keyBytes, keyOffset, keyLength);
        return true;
    }

    /**
     * Writes series {@code s}'s labels into the scratch as an RW1 record holds them (a Label field per label,
     * empty strings left out as protobuf does); returns the length, or -1 past {@link #MAX_KEY_BYTES}.
     */
    private int encodeLabelFields(ScannedRequest request, int s) {
        LabelColumns columns = request.labels();
        byte[] buf = request.buffer();
        int at = 0;
        for (int l = request.labelFirst(s), end = l + request.labelCount(s); l < end; l++) {
            int nameLen = columns.nameLength(l);
            int valueLen = columns.valueLength(l);
            int payload = fieldSize(nameLen) + fieldSize(valueLen);
            if (at + 1 + 2 + payload > MAX_KEY_BYTES) {
                return -1;
            }
            if (at + 1 + 2 + payload > scratch.length) {
                scratch = Arrays.copyOf(scratch, MAX_KEY_BYTES);
            }
            scratch[at++] = 0x0a; // Label, field 1
            at = putVarint(payload, at);
            at = putString(0x0a, buf, columns.nameOffset(l), nameLen, at);
            at = putString(0x12, buf, columns.valueOffset(l), valueLen, at);
        }
        return at;
    }

    /** A non-empty string field's size; label strings are far shorter than 2^14, so the length takes 1-2 bytes. */
    private static int fieldSize(int len) {
        return len == 0 ? 0 : 1 + (len < 0x80 ? 1 : 2) + len;
    }

    private int putString(int tag, byte[] buf, int off, int len, int at) {
        if (len == 0) {
            return at;
        }
        scratch[at++] = (byte) tag;
        at = putVarint(len, at);
        System.arraycopy(buf, off, scratch, at, len);
        return at + len;
    }

    private int putVarint(int value, int at) {
        if (value < 0x80) {
            scratch[at++] = (byte) value;
        } else {
            scratch[at++] = (byte) (value | 0x80);
            scratch[at++] = (byte) (value >>> 7);
        }
        return at;
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
