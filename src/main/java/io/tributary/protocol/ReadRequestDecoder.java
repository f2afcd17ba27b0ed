package io.tributary.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Decodes a remote-read {@code prometheus.ReadRequest} (after snappy). Unknown fields are skipped, as protobuf
 * requires; a known field with the wrong wire type, a truncated value or an unknown matcher type fails with
 * {@link MalformedProtobufException}. Read requests are small, so this favours clarity over speed.
 */
public final class ReadRequestDecoder {

    private ReadRequestDecoder() {
    }

    public static ReadRequestMessage decode(byte[] bytes, int offset, int length) {
        ProtoReader r = new ProtoReader(bytes, offset, length);
        List<ReadQuery> queries = new ArrayList<>();
        List<Integer> accepted = new ArrayList<>();
        while (r.hasRemaining()) {
            int tag = r.readTag();
            switch (WireType.fieldNumber(tag)) {
                case 1 -> {
                    ProtoReader.expectWireType(tag, WireType.LEN, "ReadRequest.queries");
                    queries.add(nested(r, ReadRequestDecoder::query));
                }
                case 2 -> readEnums(r, tag, "ReadRequest.accepted_response_types", accepted);
                default -> r.skipField(tag);
            }
        }
        return new ReadRequestMessage(queries, accepted);
    }

    /** Reads the payload of the LEN field whose tag was just read with {@code decoder}, bounded to that payload. */
    private static <T> T nested(ProtoReader r, Function<ProtoReader, T> decoder) {
        int len = r.readLength();
        int oldLimit = r.pushLimit(len);
        T value = decoder.apply(r);
        r.popLimit(oldLimit);
        return value;
    }

    private static ReadQuery query(ProtoReader r) {
        long start = 0;
        long end = 0;
        List<MatcherSpec> matchers = new ArrayList<>();
        ReadHints hints = null;
        while (r.hasRemaining()) {
            int tag = r.readTag();
            switch (WireType.fieldNumber(tag)) {
                case 1 -> {
                    ProtoReader.expectWireType(tag, WireType.VARINT, "Query.start_timestamp_ms");
                    start = r.readVarint64();
                }
                case 2 -> {
                    ProtoReader.expectWireType(tag, WireType.VARINT, "Query.end_timestamp_ms");
                    end = r.readVarint64();
                }
                case 3 -> {
                    ProtoReader.expectWireType(tag, WireType.LEN, "Query.matchers");
                    matchers.add(nested(r, ReadRequestDecoder::matcher));
                }
                case 4 -> {
                    ProtoReader.expectWireType(tag, WireType.LEN, "Query.hints");
                    hints = nested(r, ReadRequestDecoder::hints);
                }
                default -> r.skipField(tag);
            }
        }
        return new ReadQuery(start, end, matchers, hints);
    }

    private static MatcherSpec matcher(ProtoReader r) {
        int type = 0;
        String name = "";
        String value = "";
        while (r.hasRemaining()) {
            int tag = r.readTag();
            switch (WireType.fieldNumber(tag)) {
                case 1 -> {
                    ProtoReader.expectWireType(tag, WireType.VARINT, "LabelMatcher.type");
                    type = r.readVarint32();
                }
                case 2 -> name = string(r, tag, "LabelMatcher.name");
                case 3 -> value = string(r, tag, "LabelMatcher.value");
                default -> r.skipField(tag);
            }
        }
        return new MatcherSpec(MatcherSpec.Type.forNumber(type), name, value);
    }

    private static ReadHints hints(ProtoReader r) {
        long step = 0;
        String func = "";
        long start = 0;
        long end = 0;
        List<String> grouping = new ArrayList<>();
        boolean by = false;
        long range = 0;
        while (r.hasRemaining()) {
            int tag = r.readTag();
            switch (WireType.fieldNumber(tag)) {
                case 1 -> step = varint(r, tag, "ReadHints.step_ms");
                case 2 -> func = string(r, tag, "ReadHints.func");
                case 3 -> start = varint(r, tag, "ReadHints.start_ms");
                case 4 -> end = varint(r, tag, "ReadHints.end_ms");
                case 5 -> grouping.add(string(r, tag, "ReadHints.grouping"));
                case 6 -> by = varint(r, tag, "ReadHints.by") != 0;
                case 7 -> range = varint(r, tag, "ReadHints.range_ms");
                default -> r.skipField(tag);
            }
        }
        return new ReadHints(step, func, start, end, grouping, by, range);
    }

    /** A repeated enum arrives packed (proto3's default) or one value per tag; both are valid on the wire. */
    private static void readEnums(ProtoReader r, int tag, String name, List<Integer> into) {
        if (WireType.wireType(tag) == WireType.LEN) {
            int len = r.readLength();
            int oldLimit = r.pushLimit(len);
            while (r.hasRemaining()) {
                into.add(r.readVarint32());
            }
            r.popLimit(oldLimit);
        } else {
            ProtoReader.expectWireType(tag, WireType.VARINT, name);
            into.add(r.readVarint32());
        }
    }

    private static long varint(ProtoReader r, int tag, String name) {
        ProtoReader.expectWireType(tag, WireType.VARINT, name);
        return r.readVarint64();
    }

    private static String string(ProtoReader r, int tag, String name) {
        ProtoReader.expectWireType(tag, WireType.LEN, name);
        int len = r.readLength();
        String s = new String(r.buffer(), r.position(), len, StandardCharsets.UTF_8);
        r.skipBytes(len);
        return s;
    }
}
