package io.tributary.ingester;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.MimirRecordScanner;
import io.tributary.testing.MimirRecords;
import io.tributary.protocol.RecordVersion;
import io.tributary.protocol.ScannedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.storage.HeadOptions;
import io.tributary.storage.HeadSeries;
import io.tributary.storage.Labels;
import io.tributary.storage.TenantHead;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import io.tributary.testproto.rw1.Label;
import io.tributary.testproto.rw1.Sample;
import io.tributary.testproto.rw1.TimeSeries;
import io.tributary.testproto.rw1.WriteRequest;
import org.junit.jupiter.api.Test;

class SeriesCacheTest {

    @TempDir
    Path dir;

    private final MimirRecordScanner scanner = new MimirRecordScanner();

    @Test
    void aSeriesSeenBeforeIsAHitAndReturnsTheSeriesCached() {
        SeriesCache cache = new SeriesCache();
        TenantHead head = new TenantHead("t", HeadOptions.defaults());
        ScannedRequest first = scanner.scan(record(0, 5000), RecordVersion.V1);
        HeadSeries[] cached = new HeadSeries[5000];
        for (int s = 0; s < first.seriesCount(); s++) {
            assertThat(cache.get(first, s)).isNull();
            Labels labels = SeriesCache.decode(first, s);
            head.appendFloat(labels, 1000, 0);
            cached[s] = head.find(labels);
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
        SeriesCache cache = new SeriesCache();
        TenantHead head = new TenantHead("t", HeadOptions.defaults());
        ScannedRequest a = scanner.scan(request(new String[][] {{"a", "bc"}}), RecordVersion.V1);
        assertThat(cache.get(a, 0)).isNull();
        head.appendFloat(SeriesCache.decode(a, 0), 1, 0);
        cache.putLast(head.find(Labels.of("a", "bc")));
        ScannedRequest b = scanner.scan(request(new String[][] {{"ab", "c"}}), RecordVersion.V1);
        assertThat(cache.get(b, 0)).isNull();
        assertThat(SeriesCache.decode(b, 0)).isEqualTo(Labels.of("ab", "c"));
    }

    @Test
    void aSeriesRemovedByTruncationIsCreatedAnewAndItsSamplesAreKept() {
        TenantDatabases databases = new TenantDatabases(HeadOptions.defaults(), ReplayCheckpoint.load(dir),
                new LocalBlocks(dir.resolve("blocks"), Long.MAX_VALUE), new SimpleMeterRegistry());
        byte[] early = request(new String[][] {{"__name__", "up"}}, 1_000);
        byte[] late = request(new String[][] {{"__name__", "up"}}, 10_000_000);
        assertThat(databases.store(0, 0, "t", scanner.scan(early, RecordVersion.V1)).appended()).isEqualTo(1);
        databases.head("t").truncateBefore(5_000_000); // empties and removes the series the cache holds
        assertThat(databases.store(0, 1, "t", scanner.scan(late, RecordVersion.V1)).appended()).isEqualTo(1);
        assertThat(databases.head("t").numSeries()).isEqualTo(1);
        assertThat(databases.head("t").maxTime()).isEqualTo(10_000_000);
        assertThat(databases.store(0, 2, "t", scanner.scan(request(new String[][] {{"__name__", "up"}}, 10_000_001),
                RecordVersion.V1)).appended()).isEqualTo(1);
        assertThat(databases.head("t").chunksForRange(0, Long.MAX_VALUE).get(0).chunks().get(0).minTime())
                .isEqualTo(10_000_000);
    }

    @Test
    void aVersion2RecordFindsTheSeriesAVersion1RecordCached() {
        SeriesCache cache = new SeriesCache();
        TenantHead head = new TenantHead("t", HeadOptions.defaults());
        String[][] labels = {{"__name__", "up"}, {"instance", "10.0.0.1:9100"}, {"job", "node-exporter"},
                {"pod", "p-" + "x".repeat(200)}};
        ScannedRequest v1 = scanner.scan(request(labels), RecordVersion.V1);
        assertThat(cache.get(v1, 0)).isNull();
        head.appendFloat(SeriesCache.decode(v1, 0), 1, 0);
        HeadSeries series = head.find(SeriesCache.decode(v1, 0));
        cache.putLast(series);

        MimirRecords.V2Request v2 = new MimirRecords.V2Request();
        v2.add(v2.series("__name__", "up", "instance", "10.0.0.1:9100", "job", "node-exporter",
                "pod", "p-" + "x".repeat(200)).addSamples(io.tributary.testproto.rw2.Sample.newBuilder().setTimestamp(2)));
        ScannedRequest scanned = scanner.scan(MimirRecords.v2("t", v2).value(), RecordVersion.V2);

        assertThat(cache.get(scanned, 0)).isSameAs(series);
    }

    @Test
    void keysComeFromTheInternerSoTheWritePathCanShareThem() {
        byte[][] handedOut = new byte[1][];
        SeriesCache cache = new SeriesCache((b, off, len) -> handedOut[0] = java.util.Arrays.copyOfRange(b, off, off + len));
        ScannedRequest v1 = scanner.scan(request(new String[][] {{"__name__", "up"}, {"job", "a"}}), RecordVersion.V1);
        TenantHead head = new TenantHead("t", HeadOptions.defaults());
        assertThat(cache.get(v1, 0)).isNull();
        head.appendFloat(SeriesCache.decode(v1, 0), 1, 0);
        cache.putLast(head.find(SeriesCache.decode(v1, 0)));

        // The key is the record's Label fields exactly: what the distributor's cache holds for an RW1 push.
        byte[] labelFields = io.tributary.testproto.rw1.TimeSeries.newBuilder()
                .addLabels(Label.newBuilder().setName("__name__").setValue("up"))
                .addLabels(Label.newBuilder().setName("job").setValue("a")).build().toByteArray();
        assertThat(handedOut[0]).isEqualTo(labelFields);
        cache.forgetKey();
        assertThat(cache.get(scanner.scan(request(new String[][] {{"__name__", "up"}, {"job", "a"}}),
                RecordVersion.V1), 0)).isNotNull();
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
        return request(labels, 1);
    }

    private static byte[] request(String[][] labels, long timestamp) {
        TimeSeries.Builder ts = TimeSeries.newBuilder();
        for (String[] l : labels) {
            ts.addLabels(Label.newBuilder().setName(l[0]).setValue(l[1]));
        }
        return WriteRequest.newBuilder().addTimeseries(ts.addSamples(Sample.newBuilder().setTimestamp(timestamp)))
                .build().toByteArray();
    }
}
