package io.tributary.storage.block;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A block identifier: 48 bits of Unix milliseconds then 80 bits of entropy, written as 26 characters of Crockford
 * base32 (the ULID spec, which Prometheus uses to name block directories). Identifiers sort by creation time.
 * The entropy may be random, or derived from a key so that rebuilding the same block yields the same identifier.
 */
public final class ULID implements Comparable<ULID> {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int ENTROPY_BYTES = 10;
    private static final long MAX_TIME = (1L << 48) - 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The 16 bytes, big-endian: time in bytes 0..5, entropy in 6..15. */
    private final byte[] bytes;

    private ULID(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A new identifier for now, with random entropy. */
    public static ULID generate() {
        return generate(System.currentTimeMillis());
    }

    /** A new identifier for {@code timestampMillis}, with random entropy. */
    public static ULID generate(long timestampMillis) {
        byte[] entropy = new byte[ENTROPY_BYTES];
        RANDOM.nextBytes(entropy);
        return of(timestampMillis, entropy);
    }

    /** The identifier with the given time and exactly 10 bytes (80 bits) of caller-chosen entropy. */
    public static ULID of(long timestampMillis, byte[] entropy) {
        if (timestampMillis < 0 || timestampMillis > MAX_TIME) {
            throw new IllegalArgumentException("ULID time " + timestampMillis + " is outside 0.." + MAX_TIME);
        }
        if (entropy.length != ENTROPY_BYTES) {
            throw new IllegalArgumentException("ULID entropy must be 10 bytes (80 bits), got " + entropy.length);
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (timestampMillis >>> (40 - 8 * i));
        }
        System.arraycopy(entropy, 0, b, 6, ENTROPY_BYTES);
        return new ULID(b);
    }

    /**
     * A deterministic identifier: the entropy is the first 80 bits of SHA-256 over {@code key}. The same time and
     * key (say tenant, partition, block range and last offset) always give the same identifier.
     */
    public static ULID derive(long timestampMillis, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return of(timestampMillis, Arrays.copyOf(digest, ENTROPY_BYTES));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** Parses the 26-character form, case-insensitively. */
    public static ULID parse(String text) {
        if (text.length() != 26) {
            throw new IllegalArgumentException("a ULID has 26 characters: \"" + text + "\"");
        }
        // 26 characters carry 130 bits; the first holds only the top 3 of the 128.
        long hi = 0; // top 64 bits
        long lo = 0; // bottom 64 bits
        for (int i = 0; i < 26; i++) {
            int v = decode(text.charAt(i));
            if (v < 0 || (i == 0 && v > 7)) {
                throw new IllegalArgumentException("not a ULID: \"" + text + "\"");
            }
            hi = (hi << 5) | (lo >>> 59);
            lo = (lo << 5) | v;
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return new ULID(b);
    }

    /** Whether {@code text} is a well-formed ULID (Prometheus only treats such directories as blocks). */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public long timestamp() {
        long t = 0;
        for (int i = 0; i < 6; i++) {
            t = (t << 8) | (bytes[i] & 0xff);
        }
        return t;
    }

    public byte[] entropy() {
        return Arrays.copyOfRange(bytes, 6, 16);
    }

    @Override
    public String toString() {
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (bytes[i] & 0xff);
            lo = (lo << 8) | (bytes[8 + i] & 0xff);
        }
        char[] out = new char[26];
        for (int i = 25; i >= 0; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo = (lo >>> 5) | (hi << 59);
            hi >>>= 5;
        }
        return new String(out);
    }

    @Override
    public int compareTo(ULID o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ULID u && Arrays.equals(u.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    private static int decode(char c) {
        char u = Character.toUpperCase(c);
        for (int i = 0; i < ALPHABET.length; i++) {
            if (ALPHABET[i] == u) {
                return i;
            }
        }
        return -1;
    }
}
