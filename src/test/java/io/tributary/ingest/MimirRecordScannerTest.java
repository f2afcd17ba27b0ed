package io.tributary.ingest;

import static io.tributary.testing.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.distributor.PartitionRecord;
import io.tributary.distributor.RecordFormat;
import io.tributary.protocol.Histogram;
import io.tributary.protocol.LabelColumns;
import io.tributary.protocol.MalformedProtobufException;
import io.tributary.protocol.MimirRecordScanner;
import io.tributary.protocol.MimirWriteRequest;
import io.tributary.protocol.RecordDecoder;
import io.tributary.protocol.RecordVersion;
import io.tributary.protocol.Sample;
import io.tributary.protocol.ScannedRequest;
import io.tributary.protocol.Series;
import io.tributary.testproto.rw1.WriteRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The readers' scanner sees in every record exactly the series, samples and histograms that the object decoder
 * (checked against hand-built Mimir fixtures elsewhere) sees.
 */
class MimirRecordScannerTest {

    private final MimirRecordScanner scanner = new MimirRecordScanner();

    @ParameterizedTest
    @CsvSource({"V1, 1", "V1, 2", "V2, 1", "V2, 2"})
    void seesWhatTheDecoderSees(RemoteWriteVersion input, int recordVersion) throws Exception {
        WriteRequest rw1 = RoundTripTest.richRequest(300);
        byte[] body = input == RemoteWriteVersion.V1 ? rw1.toByteArray() : RoundTripTest.asRw2(rw1).toByteArray();
        ProcessedWrite write = new WriteRequestProcessor(ValidationLimits.defaults(),
                new RecordFormat(recordVersion, RecordFormat.DEFAULT_MAX_RECORD_SIZE_BYTES))
                .process("team-a", body, body.length, input, 4, NOW);
        RecordVersion version = RecordVersion.of(recordVersion);
        int series = 0;
        for (PartitionRecord record : write.records()) {
            MimirWriteRequest decoded = RecordDecoder.decode(record.value(), version);
            List<Series> withData = decoded.series().stream()
                    .filter(s -> !s.samples().isEmpty() || !s.histograms().isEmpty()).toList();
            assertThat(scannedSeries(scanner.scan(record.value(), version))).isEqualTo(asScanned(withData));
            series += withData.size();
        }
        assertThat(series).isEqualTo(300);
    }

    @Test
    void aVersion2RefIntoTheReservedCommonRangeIsMalformed() {
        // Refs 36..63 lie between the common table's end and the record's own symbols: they name nothing.
        byte[] value = v2Record(List.of("my_metric"), new int[] {1, 40});
        assertThatThrownBy(() -> scanner.scan(value, RecordVersion.V2))
                .isInstanceOf(MalformedProtobufException.class).hasMessageContaining("symbol");
    }

    @Test
    void aVersion2RefBeyondTheRecordsSymbolsIsMalformed() {
        byte[] value = v2Record(List.of("my_metric"), new int[] {1, 65});
        assertThatThrownBy(() -> scanner.scan(value, RecordVersion.V2))
                .isInstanceOf(MalformedProtobufException.class).hasMessageContaining("symbol");
    }

    @Test
    void aVersion2RecordResolvesCommonAndOwnSymbols() {
        // Ref 1 is the common "__name__"; ref 64 is the record's first own symbol.
        ScannedRequest scanned = scanner.scan(v2Record(List.of("my_metric"), new int[] {1, 64}), RecordVersion.V2);
        assertThat(scannedSeries(scanned)).containsExactly(
                "{__name__=my_metric} [" + NOW + ":" + Double.doubleToRawLongBits(2.5) + "] []");
    }

    /** A version-2 record: own symbols, one series with the given label refs and one sample (2.5 at NOW). */
    private static byte[] v2Record(List<String> symbols, int[] labelRefs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String symbol : symbols) {
            byte[] b = symbol.getBytes(StandardCharsets.UTF_8);
            out.write(4 << 3 | 2);
            out.write(b.length);
            out.writeBytes(b);
        }
        ByteArrayOutputStream series = new ByteArrayOutputStream();
        ByteArrayOutputStream refs = new ByteArrayOutputStream();
        for (int ref : labelRefs) {
            refs.write(ref); // every ref here is below 128: a one-byte varint
        }
        series.write(1 << 3 | 2);
        series.write(refs.size());
        series.writeBytes(refs.toByteArray());
        ByteArrayOutputStream sample = new ByteArrayOutputStream();
        sample.write(1 << 3 | 1);
        long bits = Double.doubleToRawLongBits(2.5);
        for (int i = 0; i < 8; i++) {
            sample.write((int) (bits >>> (8 * i)));
        }
        sample.write(2 << 3);
        for (long v = NOW; ; v >>>= 7) {
            if (v < 0x80) {
                sample.write((int) v);
                break;
            }
            sample.write((int) (v & 0x7f | 0x80));
        }
        series.write(2 << 3 | 2);
        series.write(sample.size());
        series.writeBytes(sample.toByteArray());
        out.write(5 << 3 | 2);
        out.write(series.size());
        out.writeBytes(series.toByteArray());
        return out.toByteArray();
    }

    private static List<String> asScanned(List<Series> series) {
        List<String> out = new ArrayList<>();
        for (Series s : series) {
            StringBuilder sb = new StringBuilder("{");
            s.labels().forEach(l -> sb.append(sb.length() > 1 ? "," : "").append(l.name()).append('=').append(l.value()));
            sb.append("} [");
            for (Sample sample : s.samples()) {
                sb.append(sample.timestamp()).append(':').append(sample.valueBits()).append(' ');
            }
            sb.setLength(sb.length() - (s.samples().isEmpty() ? 0 : 1));
            sb.append("] [");
            for (Histogram h : s.histograms()) {
                sb.append(h.timestamp()).append(':').append(Arrays.toString(h.encoded())).append(' ');
            }
            sb.setLength(sb.length() - (s.histograms().isEmpty() ? 0 : 1));
            out.add(sb.append(']').toString());
        }
        return out;
    }

    private static List<String> scannedSeries(ScannedRequest r) {
        List<String> out = new ArrayList<>();
        byte[] buf = r.buffer();
        LabelColumns labels = r.labels();
        for (int s = 0; s < r.seriesCount(); s++) {
            if (r.sampleCount(s) == 0 && r.histogramCount(s) == 0) {
                continue;
            }
            StringBuilder sb = new StringBuilder("{");
            for (int l = r.labelFirst(s); l < r.labelFirst(s) + r.labelCount(s); l++) {
                sb.append(sb.length() > 1 ? "," : "")
                        .append(new String(buf, labels.nameOffset(l), labels.nameLength(l), StandardCharsets.UTF_8))
                        .append('=')
                        .append(new String(buf, labels.valueOffset(l), labels.valueLength(l), StandardCharsets.UTF_8));
            }
            sb.append("} [");
            for (int i = r.sampleFirst(s); i < r.sampleFirst(s) + r.sampleCount(s); i++) {
                sb.append(r.samples().timestamp(i)).append(':').append(r.samples().valueBits(i)).append(' ');
            }
            sb.setLength(sb.length() - (r.sampleCount(s) == 0 ? 0 : 1));
            sb.append("] [");
            for (int i = r.histogramFirst(s); i < r.histogramFirst(s) + r.histogramCount(s); i++) {
                int off = r.histograms().offset(i);
                sb.append(r.histograms().timestamp(i)).append(':')
                        .append(Arrays.toString(Arrays.copyOfRange(buf, off, off + r.histograms().length(i))))
                        .append(' ');
            }
            sb.setLength(sb.length() - (r.histogramCount(s) == 0 ? 0 : 1));
            out.add(sb.append(']').toString());
        }
        return out;
    }
}
