package io.tributary.testing;

import io.tributary.testproto.mimir.WriteRequest;
import io.tributary.testproto.rw2.TimeSeries;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ingest-topic records as a Mimir distributor writes them, built field by field with protobuf-java from the
 * record format in shared/reference (mimir-ingest-storage.md §2 and §11), never with Tributary's own encoders,
 * so a test that feeds them to the reader checks the decoder against the format and not against itself.
 *
 * <p>The constants below are typed in from the reference on purpose instead of taken from
 * {@code io.tributary.protocol}: if the production table or header name drifted, these fixtures would not.
 */
public final class MimirRecords {

    /** Kafka header that carries the record version, as Mimir's reader looks it up. */
    public static final String VERSION_HEADER = "Version";

    /** Refs at or above this point into the record's own {@code symbolsRW2} (at {@code ref - 64}). */
    static final int OWN_SYMBOLS_OFFSET = 64;

    /**
     * The entries of Mimir's fixed 36-entry common-symbol table these fixtures use, ref = index in the
     * reference's list (0 = "", 1 = {@code __name__}, ...). A v2 encoder must use these refs, not its own symbols.
     */
    static final Map<String, Integer> COMMON_REFS = Map.of(
            "__name__", 1,
            "le", 4,
            "namespace", 17,
            "pod", 18,
            "job", 19,
            "instance", 20,
            "method", 27,
            "kube-system", 28,
            "node-exporter", 30);

    private MimirRecords() {
    }

    /** One record: key = tenant, header {@value #VERSION_HEADER} = {@code version} (none when null), the value. */
    public record MimirRecord(String tenant, Integer version, byte[] value) {
    }

    /** The 4-byte big-endian header value Mimir writes for {@code version}. */
    public static byte[] versionHeader(int version) {
        return ByteBuffer.allocate(4).putInt(version).array();
    }

    /** Version 0: the plain remote-write 1.0 {@code WriteRequest} bytes, no header. */
    public static MimirRecord v0(String tenant, WriteRequest request) {
        return new MimirRecord(tenant, null, request.toByteArray());
    }

    /** Version 1: the same bytes as version 0, with the header. */
    public static MimirRecord v1(String tenant, WriteRequest request) {
        return new MimirRecord(tenant, 1, request.toByteArray());
    }

    /** Version 2: the symbolised fields 4 and 5 of the same message, with the header. */
    public static MimirRecord v2(String tenant, V2Request request) {
        return new MimirRecord(tenant, 2, request.build().toByteArray());
    }

    /**
     * A version-2 value under construction. Strings in the common table get their common ref; every other string
     * is appended to the record's own symbols, which start with {@code ""} at index 0, so the first own string is
     * ref 65, as Mimir's encoder numbers them.
     */
    public static final class V2Request {
        private final List<String> own = new ArrayList<>(List.of(""));
        private final WriteRequest.Builder request = WriteRequest.newBuilder();

        public int ref(String symbol) {
            Integer common = COMMON_REFS.get(symbol);
            if (common != null) {
                return common;
            }
            int index = own.indexOf(symbol);
            if (index < 0) {
                own.add(symbol);
                index = own.size() - 1;
            }
            return OWN_SYMBOLS_OFFSET + index;
        }

        /** A series with its labels given as name, value, ... (already sorted by name, as Mimir requires). */
        public TimeSeries.Builder series(String... namesAndValues) {
            TimeSeries.Builder series = TimeSeries.newBuilder();
            for (String s : namesAndValues) {
                series.addLabelsRefs(ref(s));
            }
            return series;
        }

        public V2Request add(TimeSeries.Builder series) {
            request.addTimeseriesRw2(series);
            return this;
        }

        /** The top-level fields every record version carries (Source, skip_label_validation). */
        public WriteRequest.Builder common() {
            return request;
        }

        WriteRequest build() {
            return request.clone().clearSymbolsRw2().addAllSymbolsRw2(own).build();
        }
    }
}
