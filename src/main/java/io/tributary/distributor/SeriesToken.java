package io.tributary.distributor;

import io.tributary.protocol.LabelColumns;
import io.tributary.protocol.ScannedRequest;

/**
 * Computes Mimir's routing tokens straight from request bytes.
 *
 * <p>The hash is FNV-1 (multiply, then xor: not FNV-1a, despite Mimir's own comments) over the tenant bytes,
 * then every label's name bytes and value bytes in request order, with no separators. Matching it bit for
 * bit keeps a series on the partition a Go distributor would have picked.
 */
public final class SeriesToken {

    /** FNV-1 32-bit offset basis. */
    public static final int OFFSET_BASIS = 0x811C9DC5; // 2166136261
    /** FNV-1 32-bit prime. */
    public static final int PRIME = 16777619;

    private SeriesToken() {
    }

    /** Hash state after the tenant bytes; computed once per request and reused for every series. */
    public static int seed(byte[] tenant) {
        return add(OFFSET_BASIS, tenant, 0, tenant.length);
    }

    /** Continues an FNV-1 hash with {@code len} bytes of {@code buf}. */
    public static int add(int h, byte[] buf, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            h *= PRIME;
            h ^= buf[i] & 0xff;
        }
        return h;
    }

    /** Token of series {@code s}: the tenant seed continued with each label's name then value. */
    public static int ofSeries(int tenantSeed, ScannedRequest req, int s) {
        byte[] b = req.buffer();
        int h = tenantSeed;
        LabelColumns labels = req.labels();
        for (int l = req.labelFirst(s), end = l + req.labelCount(s); l < end; l++) {
            h = add(h, b, labels.nameOffset(l), labels.nameLength(l));
            h = add(h, b, labels.valueOffset(l), labels.valueLength(l));
        }
        return h;
    }

    /** Token of a metadata entry: the tenant seed continued with the metric family name. */
    public static int ofMetricFamily(int tenantSeed, byte[] buf, int off, int len) {
        return add(tenantSeed, buf, off, len);
    }
}
