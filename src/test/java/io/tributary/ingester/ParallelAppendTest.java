package io.tributary.ingester;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.consumer.StoreResult;
import io.tributary.protocol.LabelBytesInterner;
import io.tributary.protocol.MimirRecordScanner;
import io.tributary.protocol.RecordVersion;
import io.tributary.storage.HeadOptions;
import io.tributary.storage.Labels;
import io.tributary.storage.SeriesChunks;
import io.tributary.storage.StoredChunk;
import io.tributary.testproto.rw1.Label;
import io.tributary.testproto.rw1.Sample;
import io.tributary.testproto.rw1.TimeSeries;
import io.tributary.testproto.rw1.WriteRequest;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ingestion-concurrency-*: one large record appended by several threads ends up exactly as if appended by one. */
class ParallelAppendTest {
    private static final int SERIES = 3000;
    private static final int SAMPLES = 4;

    @TempDir
    Path dir;

    private final MimirRecordScanner scanner = new MimirRecordScanner();

    @Test
    void shardsFollowMimirsSizingAndStayOffForOrdinaryRecords() {
        IngestionConcurrency mimir = new IngestionConcurrency(8, 150, 40, 200);
        assertThat(mimir.shardsFor(1_000_000, 5000)).isEqualTo(1); // 5,000 estimated series: under one shard's worth
        assertThat(mimir.shardsFor(2_400_000, 5000)).isEqualTo(2);
        assertThat(mimir.shardsFor(16_000_000, 50_000)).isEqualTo(8); // capped by max
        assertThat(mimir.shardsFor(16_000_000, 3)).isEqualTo(3); // never more shards than series
        assertThat(new IngestionConcurrency(0, 150, 40, 200).shardsFor(16_000_000, 50_000)).isEqualTo(1);
        assertThat(new IngestionConcurrency(1, 1, 1, 1).shardsFor(16_000_000, 50_000)).isEqualTo(1);
    }

    @Test
    void aRecordAppendedInShardsHoldsExactlyWhatASequentialAppendHolds() {
        SimpleMeterRegistry parallelMeters = new SimpleMeterRegistry();
        TenantDatabases parallel = databases("parallel", new IngestionConcurrency(4, 1, 1, 1), parallelMeters);
        TenantDatabases sequential = databases("sequential", IngestionConcurrency.SEQUENTIAL, new SimpleMeterRegistry());

        for (int round = 0; round < 3; round++) {
            byte[] record = request(round * 10_000L);
            StoreResult inShards = parallel.store(0, round, "t", scanner.scan(record, RecordVersion.V1));
            StoreResult inOrder = sequential.store(0, round, "t", scanner.scan(record, RecordVersion.V1));
            assertThat(inShards.appended()).isEqualTo(inOrder.appended()).isEqualTo((long) SERIES * SAMPLES);
        }
        // The same record again: every sample a duplicate with the same value, ignored by both the same way.
        byte[] again = request(20_000L);
        assertThat(parallel.store(0, 3, "t", scanner.scan(again, RecordVersion.V1)).appended()).isZero();
        // Older samples than the series hold: data errors, counted by reason over all shards.
        StoreResult late = parallel.store(0, 4, "t", scanner.scan(request(0), RecordVersion.V1));
        StoreResult lateInOrder = sequential.store(0, 4, "t", scanner.scan(request(0), RecordVersion.V1));
        assertThat(late.rejectedByReason()).isEqualTo(lateInOrder.rejectedByReason()).containsEntry("sample-out-of-order",
                (long) SERIES * SAMPLES);

        assertThat(samplesBySeries(parallel)).isEqualTo(samplesBySeries(sequential)).hasSize(SERIES);
        assertThat(parallelMeters.get("tributary.ingester.parallel.appends").counter().count()).isEqualTo(5);
        assertThat(parallel.head("t").numSeries()).isEqualTo(SERIES);
    }

    @Test
    void anOrdinaryRecordIsAppendedByTheReaderAlone() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TenantDatabases databases = databases("mimir", new IngestionConcurrency(8, 150, 40, 200), meters);
        assertThat(databases.store(0, 0, "t", scanner.scan(request(0), RecordVersion.V1)).appended())
                .isEqualTo((long) SERIES * SAMPLES);
        assertThat(meters.get("tributary.ingester.parallel.appends").counter().count()).isZero();
    }

    private TenantDatabases databases(String name, IngestionConcurrency concurrency, SimpleMeterRegistry meters) {
        Path root = dir.resolve(name);
        return new TenantDatabases(HeadOptions.defaults(), ReplayCheckpoint.load(root),
                new LocalBlocks(root.resolve("blocks"), Long.MAX_VALUE), meters, LabelBytesInterner.COPY, concurrency);
    }

    /** Every series' samples as timestamp → value, read back through the head's chunks. */
    private static Map<Labels, Map<Long, Double>> samplesBySeries(TenantDatabases databases) {
        Map<Labels, Map<Long, Double>> out = new TreeMap<>();
        for (SeriesChunks series : databases.head("t").chunksForRange(Long.MIN_VALUE, Long.MAX_VALUE)) {
            Map<Long, Double> samples = out.computeIfAbsent(series.labels(), l -> new TreeMap<>());
            for (StoredChunk chunk : series.chunks()) {
                io.tributary.storage.XorIterator it = new io.tributary.storage.XorIterator(chunk.data());
                while (it.next()) {
                    samples.put(it.timestamp(), it.value());
                }
            }
        }
        return out;
    }

    private static byte[] request(long firstTimestamp) {
        WriteRequest.Builder req = WriteRequest.newBuilder();
        for (int i = 0; i < SERIES; i++) {
            TimeSeries.Builder ts = TimeSeries.newBuilder()
                    .addLabels(Label.newBuilder().setName("__name__").setValue("metric_" + (i % 7)))
                    .addLabels(Label.newBuilder().setName("pod").setValue("pod-" + i));
            for (int k = 0; k < SAMPLES; k++) {
                ts.addSamples(Sample.newBuilder().setTimestamp(firstTimestamp + 1000L * k).setValue(i * 10.0 + k));
            }
            req.addTimeseries(ts);
        }
        return req.build().toByteArray();
    }
}
