package io.tributary.verify;

import io.tributary.protocol.ProtoWriter;
import io.tributary.protocol.SnappyBlock;
import java.nio.charset.StandardCharsets;

/**
 * A Prometheus remote-write 1.0 request with one sample, snappy-compressed as a sender would send it, built by
 * hand from the protobuf field numbers so the canary depends on no generated message classes.
 */
final class CanaryWriteRequest {

    private static final int VARINT = 0;
    private static final int I64 = 1;

    private CanaryWriteRequest() {
    }

    /**
     * {@code WriteRequest{timeseries: [{labels: [__name__=metric, instance=instance], samples: [{value, ts}]}]}}.
     * Label names are in sorted order, as remote-write requires.
     */
    static byte[] compressed(String metric, String instance, long timestampMillis, double value) {
        ProtoWriter series = new ProtoWriter(128);
        label(series, "__name__", metric);
        label(series, "instance", instance);
        ProtoWriter sample = new ProtoWriter(32);
        sample.writeTag(1, I64);
        sample.writeFixed64(Double.doubleToRawLongBits(value));
        sample.writeTag(2, VARINT);
        sample.writeVarint(timestampMillis);
        series.writeBytesField(2, sample.buffer(), 0, sample.size());
        ProtoWriter request = new ProtoWriter(160);
        request.writeBytesField(1, series.buffer(), 0, series.size());
        return SnappyBlock.compress(request.buffer(), 0, request.size());
    }

    private static void label(ProtoWriter series, String name, String value) {
        ProtoWriter label = new ProtoWriter(64);
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        label.writeBytesField(1, n, 0, n.length);
        label.writeBytesField(2, v, 0, v.length);
        series.writeBytesField(1, label.buffer(), 0, label.size());
    }
}
