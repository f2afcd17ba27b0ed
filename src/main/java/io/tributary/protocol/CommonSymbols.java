package io.tributary.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The fixed symbol table shared by every record of version 2, and how references resolve against it.
 *
 * <p>Ref 0 is {@code ""}; refs 1..63 index this table; refs &ge; {@value #OFFSET} index the record's own
 * {@code symbolsRW2} list at {@code ref - 64}. The list must match Mimir's byte for byte and in order,
 * because a difference silently renames labels on the ingester.
 */
public final class CommonSymbols {

    /** First ref that points into the record's own symbols instead of this table. */
    public static final int OFFSET = 64;

    /** The 36 common symbols, index = ref. */
    public static final List<String> SYMBOLS = List.of(
            "",
            "__name__",
            "__aggregation__",
            "<aggregated>",
            "le",
            "component",
            "cortex_request_duration_seconds_bucket",
            "storage_operation_duration_seconds_bucket",
            "grafana",
            "asserts_env",
            "asserts_request_context",
            "asserts_source",
            "asserts_entity_type",
            "asserts_request_type",
            "name",
            "image",
            "cluster",
            "namespace",
            "pod",
            "job",
            "instance",
            "container",
            "replicaset",
            "interface",
            "status_code",
            "resource",
            "operation",
            "method",
            "kube-system",
            "kube-system/cadvisor",
            "node-exporter",
            "node-exporter/node-exporter",
            "kube-system/kubelet",
            "kube-system/node-local-dns",
            "kube-state-metrics/kube-state-metrics",
            "default/kubernetes");

    private static final byte[][] BYTES = new byte[SYMBOLS.size()][];
    private static final int TABLE_MASK = 127;
    private static final int[] TABLE = new int[TABLE_MASK + 1]; // stores index+1, 0 = empty

    static {
        for (int i = 0; i < SYMBOLS.size(); i++) {
            BYTES[i] = SYMBOLS.get(i).getBytes(StandardCharsets.UTF_8);
            int slot = SliceHash.hash(BYTES[i], 0, BYTES[i].length) & TABLE_MASK;
            while (TABLE[slot] != 0) {
                slot = (slot + 1) & TABLE_MASK;
            }
            TABLE[slot] = i + 1;
        }
    }

    private CommonSymbols() {
    }

    /** Returns the common ref of the given bytes (whose {@link SliceHash} is {@code hash}), or -1. */
    public static int lookup(byte[] buf, int off, int len, int hash) {
        int slot = hash & TABLE_MASK;
        int entry;
        while ((entry = TABLE[slot]) != 0) {
            byte[] s = BYTES[entry - 1];
            if (SliceHash.equal(s, 0, s.length, buf, off, len)) {
                return entry - 1;
            }
            slot = (slot + 1) & TABLE_MASK;
        }
        return -1;
    }

    /** Resolves a ref of a version-2 record; {@code recordSymbols} is the record's {@code symbolsRW2}. */
    public static String resolve(int ref, List<String> recordSymbols) {
        if (ref < 0) {
            throw new MalformedProtobufException("symbol-ref-out-of-range", "negative symbol ref " + ref);
        }
        if (ref < OFFSET) {
            if (ref >= SYMBOLS.size()) {
                throw new MalformedProtobufException("symbol-ref-out-of-range",
                        "common symbol ref " + ref + " beyond the " + SYMBOLS.size() + "-entry table");
            }
            return SYMBOLS.get(ref);
        }
        int i = ref - OFFSET;
        if (i >= recordSymbols.size()) {
            throw new MalformedProtobufException("symbol-ref-out-of-range",
                    "symbol ref " + ref + " beyond the record's " + recordSymbols.size() + " symbols");
        }
        return recordSymbols.get(i);
    }
}
