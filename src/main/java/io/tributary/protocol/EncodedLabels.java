package io.tributary.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A label set turned into UTF-8 once, with the size of each {@code prometheus.Label} message, so an encoder can
 * size its enclosing messages before writing them (see {@link ProtoWriter}).
 */
final class EncodedLabels {

    private final byte[][] names;
    private final byte[][] values;
    private final int[] sizes;

    EncodedLabels(List<Label> labels) {
        int n = labels.size();
        names = new byte[n][];
        values = new byte[n][];
        sizes = new int[n];
        for (int i = 0; i < n; i++) {
            names[i] = labels.get(i).name().getBytes(StandardCharsets.UTF_8);
            values[i] = labels.get(i).value().getBytes(StandardCharsets.UTF_8);
            sizes[i] = stringFieldSize(1, names[i]) + stringFieldSize(2, values[i]);
        }
    }

    /** The payload size of label {@code i}'s {@code Label} message (what Prometheus's {@code Label.Size()} returns). */
    int messageSize(int i) {
        return sizes[i];
    }

    int count() {
        return sizes.length;
    }

    /** The bytes {@link #write} produces: every label as a length-delimited field {@code fieldNumber}. */
    int fieldsSize(int fieldNumber) {
        int total = 0;
        for (int size : sizes) {
            total += ProtoWriter.lenFieldSize(fieldNumber, size);
        }
        return total;
    }

    void write(ProtoWriter w, int fieldNumber) {
        for (int i = 0; i < sizes.length; i++) {
            w.writeTag(fieldNumber, WireType.LEN);
            w.writeVarint(sizes[i]);
            if (names[i].length > 0) {
                w.writeBytesField(1, names[i], 0, names[i].length);
            }
            if (values[i].length > 0) {
                w.writeBytesField(2, values[i], 0, values[i].length);
            }
        }
    }

    /** proto3 omits an empty string. */
    private static int stringFieldSize(int fieldNumber, byte[] utf8) {
        return utf8.length == 0 ? 0 : ProtoWriter.lenFieldSize(fieldNumber, utf8.length);
    }
}
