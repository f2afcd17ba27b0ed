package io.tributary.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes a Mimir ingest-storage record value (versions 0, 1 and 2) into a {@link MimirWriteRequest}.
 *
 * <p>For tests and tools: it favours clarity over speed and allocates freely. The partition readers use
 * {@link MimirRecordScanner}, which sees the same series, samples and histograms without objects.
 * Malformed values fail with {@link MalformedProtobufException}.
 */
public final class RecordDecoder {

    private RecordDecoder() {
    }

    public static MimirWriteRequest decode(byte[] value, RecordVersion version) {
        return decode(value, 0, value.length, version);
    }

    public static MimirWriteRequest decode(byte[] value, int offset, int length, RecordVersion version) {
        ProtoReader r = new ProtoReader(value, offset, length);
        List<Series> series = new ArrayList<>();
        Set<MetricMetadata> metadata = new LinkedHashSet<>();
        List<String> symbols = new ArrayList<>();
        List<int[]> rw2Series = new ArrayList<>(); // (offset, length) of each TimeSeriesRW2, decoded after symbols
        int source = 0;
        boolean skip = false;
        boolean v2 = version == RecordVersion.V2;
        while (r.hasRemaining()) {
            int tag = r.readTag();
            int f = WireType.fieldNumber(tag);
            if (f == 1 && !v2) {
                series.add(message(r, tag, "WriteRequest.timeseries", RecordDecoder::decodeRw1Series));
            } else if (f == 3 && !v2) {
                metadata.add(message(r, tag, "WriteRequest.metadata", RecordDecoder::decodeRw1Metadata));
            } else if (f == 4 && v2) {
                symbols.add(message(r, tag, "WriteRequest.symbolsRW2",
                        (b, off, len) -> new String(b, off, len, StandardCharsets.UTF_8)));
            } else if (f == 5 && v2) {
                rw2Series.add(message(r, tag, "WriteRequest.timeseriesRW2", (b, off, len) -> new int[] {off, len}));
            } else if (f == 2) {
                ProtoReader.expectWireType(tag, WireType.VARINT, "WriteRequest.source");
                source = r.readVarint32();
            } else if (f == 1000) {
                ProtoReader.expectWireType(tag, WireType.VARINT, "WriteRequest.skip_label_validation");
                skip = r.readVarint64() != 0;
            } else {
                r.skipField(tag);
            }
        }
        for (int[] range : rw2Series) {
            decodeRw2Series(value, range[0], range[1], symbols, series, metadata);
        }
        return new MimirWriteRequest(series, new ArrayList<>(metadata), source, skip);
    }

    /** Decodes the payload {@code b[off, off + len)} of a length-delimited field. */
    @FunctionalInterface
    private interface PayloadDecoder<T> {
        T decode(byte[] b, int off, int len);
    }

    /** Reads the length-delimited field {@code name} whose tag was just read, and decodes its payload. */
    private static <T> T message(ProtoReader r, int tag, String name, PayloadDecoder<T> decoder) {
        ProtoReader.expectWireType(tag, WireType.LEN, name);
        int len = r.readLength();
        T decoded = decoder.decode(r.buffer(), r.position(), len);
        r.skipBytes(len);
        return decoded;
    }

    private static String str(ProtoReader r) {
        int len = r.readLength();
        String s = new String(r.buffer(), r.position(), len, StandardCharsets.UTF_8);
        r.skipBytes(len);
        return s;
    }

    private static Series decodeRw1Series(byte[] b, int off, int len) {
        ProtoReader r = new ProtoReader(b, off, len);
        List<Label> labels = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        List<Histogram> histograms = new ArrayList<>();
        List<Exemplar> exemplars = new ArrayList<>();
        long created = 0;
        while (r.hasRemaining()) {
            int tag = r.readTag();
            switch (WireType.fieldNumber(tag)) {
                case 1 -> labels.add(message(r, tag, "TimeSeries.labels", RecordDecoder::decodeRw1Label));
                case 2 -> samples.add(message(r, tag, "TimeSeries.samples", RecordDecoder::decodeSample));
                case 3 -> exemplars.add(message(r, tag, "TimeSeries.exemplars", RecordDecoder::decodeRw1Exemplar));
                case 4 -> histograms.add(message(r, tag, "TimeSeries.histograms", RecordDecoder::decodeHistogram));
                case 6 -> {
                    ProtoReader.expectWireType(tag, WireType.VARINT, "TimeSeries.created_timestamp");
                    created = r.readVarint64();
                }
                default -> r.skipField(tag);
            }
        }
        return new Series(labels, samples, histograms, exemplars, created);
    }

    private static Label decodeRw1Label(byte[] b, int off, int len) {
        ProtoReader r = new ProtoReader(b, off, len);
        String name = "";
        String value = "";
        while (r.hasRemaining()) {
            int tag = r.readTag();
            int f = WireType.fieldNumber(tag);
            if (f == 1 || f == 2) {
                ProtoReader.expectWireType(tag, WireType.LEN, "Label field " + f);
                if (f == 1) {
                    name = str(r);
                } else {
                    value = str(r);
                }
            } else {
                r.skipField(tag);
            }
        }
        return new Label(name, value);
    }

    private static Sample decodeSample(byte[] b, int off, int len) {
        ProtoReader r = new ProtoReader(b, off, len);
        long bits = 0;
        long ts = 0;
        while (r.hasRemaining()) {
            int tag = r.readTag();
            if (tag == ((1 << 3) | WireType.FIXED64)) {
                bits = r.readFixed64();
            } else if (tag == ((2 << 3) | WireType.VARINT)) {
                ts = r.readVarint64();
            } else {
                r.skipField(tag);
            }
        }
        return new Sample(bits, ts);
    }

    private static Histogram decodeHistogram(byte[] b, int off, int len) {
        ProtoReader r = new ProtoReader(b, off, len);
        long ts = 0;
        while (r.hasRemaining()) {
            int tag = r.readTag();
            if (tag == ((15 << 3) | WireType.VARINT)) {
                ts = r.readVarint64();
            } else {
                r.skipField(tag);
            }
        }
        return new Histogram(ts, Arrays.copyOfRange(b, off, off + len));
    }

    private static Exemplar decodeRw1Exemplar(byte[] b, int off, int len) {
        ProtoReader r = new ProtoReader(b, off, len);
        List<Label> labels = new ArrayList<>();
        long bits = 0;
        long ts = 0;
        while (r.hasRemaining()) {
            int tag = r.readTag();
            if (tag == ((1 << 3) | WireType.LEN)) {
                labels.add(message(r, tag, "Exemplar.labels", RecordDecoder::decodeRw1Label));
            } else if (tag == ((2 << 3) | WireType.FIXED64)) {
                bits = r.readFixed64();
            } else if (tag == ((3 << 3) | WireType.VARINT)) {
                ts = r.readVarint64();
            } else {
                r.skipField(tag);
            }
        }
        return new Exemplar(labels, bits, ts);
    }

    private static MetricMetadata decodeRw1Metadata(byte[] b, int off, int len) {
        ProtoReader r = new ProtoReader(b, off, len);
        int type = 0;
        String family = "";
        String help = "";
        String unit = "";
        while (r.hasRemaining()) {
            int tag = r.readTag();
            switch (tag) {
                case (1 << 3) | WireType.VARINT -> type = r.readVarint32();
                case (2 << 3) | WireType.LEN -> family = str(r);
                case (4 << 3) | WireType.LEN -> help = str(r);
                case (5 << 3) | WireType.LEN -> unit = str(r);
                default -> r.skipField(tag);
            }
        }
        return new MetricMetadata(type, family, help, unit);
    }

    private static List<String> refsToStrings(ProtoReader r, int tag, List<String> symbols, List<String> into) {
        if (WireType.wireType(tag) == WireType.LEN) {
            int n = r.readLength();
            int old = r.pushLimit(n);
            while (r.hasRemaining()) {
                into.add(CommonSymbols.resolve(r.readVarint32(), symbols));
            }
            r.popLimit(old);
        } else {
            into.add(CommonSymbols.resolve(r.readVarint32(), symbols));
        }
        return into;
    }

    private static List<Label> pairs(List<String> refs) {
        if ((refs.size() & 1) != 0) {
            throw new MalformedProtobufException("odd-labels-refs", "labels_refs has an odd length " + refs.size());
        }
        List<Label> labels = new ArrayList<>(refs.size() / 2);
        for (int i = 0; i < refs.size(); i += 2) {
            labels.add(new Label(refs.get(i), refs.get(i + 1)));
        }
        return labels;
    }

    private static void decodeRw2Series(byte[] b, int off, int len, List<String> symbols, List<Series> series,
            Set<MetricMetadata> metadata) {
        ProtoReader r = new ProtoReader(b, off, len);
        List<String> refs = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        List<Histogram> histograms = new ArrayList<>();
        List<Exemplar> exemplars = new ArrayList<>();
        long created = 0;
        int[] meta = null;
        while (r.hasRemaining()) {
            int tag = r.readTag();
            switch (WireType.fieldNumber(tag)) {
                case 1 -> refsToStrings(r, tag, symbols, refs);
                case 2 -> samples.add(message(r, tag, "TimeSeriesRW2.samples", RecordDecoder::decodeSample));
                case 3 -> histograms.add(message(r, tag, "TimeSeriesRW2.histograms", RecordDecoder::decodeHistogram));
                case 4 -> exemplars.add(message(r, tag, "TimeSeriesRW2.exemplars",
                        (buf, o, n) -> decodeRw2Exemplar(buf, o, n, symbols)));
                case 5 -> meta = message(r, tag, "TimeSeriesRW2.metadata", RecordDecoder::decodeRw2Metadata);
                case 6 -> {
                    ProtoReader.expectWireType(tag, WireType.VARINT, "TimeSeriesRW2.created_timestamp");
                    created = r.readVarint64();
                }
                default -> r.skipField(tag);
            }
        }
        Series s = new Series(pairs(refs), samples, histograms, exemplars, created);
        if (meta != null) {
            String family = s.metricName() == null ? "" : s.metricName();
            metadata.add(new MetricMetadata(meta[0], family, CommonSymbols.resolve(meta[1], symbols),
                    CommonSymbols.resolve(meta[2], symbols)));
            if (samples.isEmpty() && histograms.isEmpty() && exemplars.isEmpty()) {
                return; // a metadata-only carrier series, not data
            }
        }
        series.add(s);
    }

    private static Exemplar decodeRw2Exemplar(byte[] b, int off, int len, List<String> symbols) {
        ProtoReader r = new ProtoReader(b, off, len);
        List<String> refs = new ArrayList<>();
        long bits = 0;
        long ts = 0;
        while (r.hasRemaining()) {
            int tag = r.readTag();
            if (WireType.fieldNumber(tag) == 1) {
                refsToStrings(r, tag, symbols, refs);
            } else if (tag == ((2 << 3) | WireType.FIXED64)) {
                bits = r.readFixed64();
            } else if (tag == ((3 << 3) | WireType.VARINT)) {
                ts = r.readVarint64();
            } else {
                r.skipField(tag);
            }
        }
        return new Exemplar(pairs(refs), bits, ts);
    }

    private static int[] decodeRw2Metadata(byte[] b, int off, int len) {
        ProtoReader r = new ProtoReader(b, off, len);
        int[] m = new int[3];
        while (r.hasRemaining()) {
            int tag = r.readTag();
            switch (tag) {
                case (1 << 3) | WireType.VARINT -> m[0] = r.readVarint32();
                case (3 << 3) | WireType.VARINT -> m[1] = r.readVarint32();
                case (4 << 3) | WireType.VARINT -> m[2] = r.readVarint32();
                default -> r.skipField(tag);
            }
        }
        return m;
    }
}
