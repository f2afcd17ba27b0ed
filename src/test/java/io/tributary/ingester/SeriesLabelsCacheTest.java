package io.tributary.ingester;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.MimirRecordScanner;
import io.tributary.protocol.RecordVersion;
import io.tributary.protocol.ScannedRequest;
import io.tributary.storage.Labels;
import io.tributary.testproto.rw1.Label;
import io.tributary.testproto.rw1.Sample;
import io.tributary.testproto.rw1.TimeSeries;
import io.tributary.testproto.rw1.WriteRequest;
import org.junit.jupiter.api.Test;

class SeriesLabelsCacheTest {

    private final MimirRecordScanner scanner = new MimirRecordScanner();

    @Test
    void aSeriesSeenBeforeIsAHitAndReturnsTheInstanceCached() {
        SeriesLabelsCache cache = new SeriesLabelsCache();
        ScannedRequest first = scanner.scan(record(0, 5000), RecordVersion.V1);
        Labels[] cached = new Labels[5000];
        for (int s = 0; s < first.seriesCount(); s++) {
            assertThat(cache.get(first, s)).isNull();
            cached[s] = SeriesLabelsCache.decode(first, s);
            cache.putLast(cached[s]);
        }
        ScannedRequest again = scanner.scan(record(0, 5000), RecordVersion.V1);
        for (int s = 0; s < again.seriesCount(); s++) {
            assertThat(cache.get(again, s)).isSameAs(cached[s]);
        }
        assertThat(cache.slots()).isGreaterThanOrEqualTo(2 * 5000);
    }

    @Test
    void labelsThatOnlyShareAHashPrefixAreNotConfused() {
        SeriesLabelsCache cache = new SeriesLabelsCache();
        ScannedRequest a = scanner.scan(request(new String[][] {{"a", "bc"}}), RecordVersion.V1);
        assertThat(cache.get(a, 0)).isNull();
        cache.putLast(SeriesLabelsCache.decode(a, 0));
        ScannedRequest b = scanner.scan(request(new String[][] {{"ab", "c"}}), RecordVersion.V1);
        assertThat(cache.get(b, 0)).isNull();
        assertThat(SeriesLabelsCache.decode(b, 0)).isEqualTo(Labels.of("ab", "c"));
    }

    private static byte[] record(int from, int count) {
        WriteRequest.Builder req = WriteRequest.newBuilder();
        for (int i = from; i < from + count; i++) {
            TimeSeries.Builder ts = TimeSeries.newBuilder();
            String[][] labels = {{"__name__", "metric_" + (i % 50)}, {"instance", "10.0.0." + (i % 250)},
                    {"pod", "pod-" + i}, {"zone", "é-" + (i % 3)}};
            for (String[] l : labels) {
                ts.addLabels(Label.newBuilder().setName(l[0]).setValue(l[1]));
            }
            ts.addSamples(Sample.newBuilder().setValue(i).setTimestamp(1000));
            req.addTimeseries(ts);
        }
        return req.build().toByteArray();
    }

    private static byte[] request(String[][] labels) {
        TimeSeries.Builder ts = TimeSeries.newBuilder();
        for (String[] l : labels) {
            ts.addLabels(Label.newBuilder().setName(l[0]).setValue(l[1]));
        }
        return WriteRequest.newBuilder().addTimeseries(ts.addSamples(Sample.newBuilder().setTimestamp(1)))
                .build().toByteArray();
    }
}
