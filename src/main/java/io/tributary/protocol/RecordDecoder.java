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
 * <p>This is the read-path and test decoder, so it favours clarity over speed and allocates freely.
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
                ProtoReader.expectWireType(tag, WireType.LEN, "WriteRequest.timeseries");
                int len = r.readLength();
                series.add(decodeRw1Series(value, r.position(), len));
                r.skipBytes(len);
            } else if (f == 3 && !v2) {
                ProtoReader.expectWireType(tag, WireType.LEN, "WriteRequest.metadata");
                int len = r.readLength();
                metadata.add(decodeRw1Metadata(value, r.position(), len));
                r.skipBytes(len);
            } else if (f == 4 && v2) {
                ProtoReader.expectWireType(tag, WireType.LEN, "WriteRequest.symbolsRW2");
                int len = r.readLength();
                symbols.add(new String(value, r.position(), len, StandardCharsets.UTF_8));
                r.skipBytes(len);
            } else if (f == 5 && v2) {
                ProtoReader.expectWireType(tag, WireType.LEN, "WriteRequest.timeseriesRW2");
                int len = r.readLength();
                rw2Series.add(new int[] {r.position(), len});
                r.skipBytes(len);
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
                case 1 -> {
                    ProtoReader.expectWireType(tag, WireType.LEN, "TimeSeries.labels");
                    int n = r.readLength();
                    labels.add(decodeRw1Label(b, r.position(), n));
                    r.skipBytes(n);
                }
                case 2 -> {
                    ProtoReader.expectWireType(tag, WireType.LEN, "TimeSeries.samples");
                    int n = r.readLength();
                    samples.add(decodeSample(b, r.position(), n));
                    r.skipBytes(n);
                }
                case 3 -> {
                    ProtoReader.expectWireType(tag, WireType.LEN, "TimeSeries.exemplars");
                    int n = r.readLength();
                    exemplars.add(decodeRw1Exemplar(b, r.position(), n));
                    r.skipBytes(n);
                }
                case 4 -> {
                    ProtoReader.expectWireType(tag, WireType.LEN, "TimeSeries.histograms");
                    int n = r.readLength();
                    histograms.add(decodeHistogram(b, r.position(), n));
                    r.skipBytes(n);
                }
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
                int n = r.readLength();
                labels.add(decodeRw1Label(b, r.position(), n));
                r.skipBytes(n);
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
                case 2 -> {
                    ProtoReader.expectWireType(tag, WireType.LEN, "TimeSeriesRW2.samples");
                    int n = r.readLength();
                    samples.add(decodeSample(b, r.position(), n));
                    r.skipBytes(n);
                }
                case 3 -> {
                    ProtoReader.expectWireType(tag, WireType.LEN, "TimeSeriesRW2.histograms");
                    int n = r.readLength();
                    histograms.add(decodeHistogram(b, r.position(), n));
                    r.skipBytes(n);
                }
                case 4 -> {
                    ProtoReader.expectWireType(tag, WireType.LEN, "TimeSeriesRW2.exemplars");
                    int n = r.readLength();
                    exemplars.add(decodeRw2Exemplar(b, r.position(), n, symbols));
                    r.skipBytes(n);
                }
                case 5 -> {
                    ProtoReader.expectWireType(tag, WireType.LEN, "TimeSeriesRW2.metadata");
                    int n = r.readLength();
                    meta = decodeRw2Metadata(b, r.position(), n);
                    r.skipBytes(n);
                }
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
