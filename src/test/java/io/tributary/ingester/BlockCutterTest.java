package io.tributary.ingester;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.protocol.MimirRecordScanner;
import io.tributary.protocol.RecordVersion;
import io.tributary.storage.HeadOptions;
import io.tributary.storage.bucket.FilesystemBucket;
import io.tributary.testproto.rw1.Label;
import io.tributary.testproto.rw1.Sample;
import io.tributary.testproto.rw1.TimeSeries;
import io.tributary.testproto.rw1.WriteRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockCutterTest {
    private static final long RANGE = 10_000;
    private static final long WINDOW = 1_000_000;
    private static final long LONG_AFTER = WINDOW + 100 * RANGE;

    @TempDir
    Path dir;

    private final MimirRecordScanner scanner = new MimirRecordScanner();
    private final AtomicReference<Set<Integer>> drained = new AtomicReference<>(Set.of());
    private final Set<Integer> replaying = new java.util.HashSet<>();
    private TenantDatabases databases;
    private BlockCutter cutter;

    @BeforeEach
    void setUp() {
        HeadOptions options = new HeadOptions(RANGE, HeadOptions.defaults().maxSeries());
        LocalBlocks blocks = new LocalBlocks(dir.resolve("tsdb"), Long.MAX_VALUE);
        databases = new TenantDatabases(options, ReplayCheckpoint.load(dir), blocks, new SimpleMeterRegistry());
        cutter = new BlockCutter(databases, blocks, new FilesystemBucket(dir.resolve("bucket")), RANGE, "test",
                () -> Set.of(0, 1), p -> !replaying.contains(p), asked -> drained.get(), () -> LONG_AFTER,
                new SimpleMeterRegistry());
    }

    @Test
    void aBackfilledWindowWaitsUntilEveryPartitionHasConsumedWhatWasProduced() throws IOException {
        // A backfill request split across two partitions: partition 0's half is consumed, partition 1's is not yet.
        store(0, 0, "half_a", WINDOW + 1_000);
        drained.set(Set.of(0));
        assertThat(cutter.cutDueWindows()).isZero();

        store(1, 0, "half_b", WINDOW + 2_000);
        drained.set(Set.of(0, 1));
        assertThat(cutter.cutDueWindows()).isEqualTo(1);
        assertThat(blockMetas()).singleElement().satisfies(meta ->
                assertThat(Files.readString(meta)).containsPattern("\"numSamples\"\\s*:\\s*2"));
        assertThat(databases.head("t").numSeries()).isZero();
    }

    @Test
    void recentSamplesInEveryPartitionDoNotCloseAnOldWindowWhoseBackfillIsStillOnItsWay() {
        // Live traffic: both partitions have long delivered samples past the old window.
        store(0, 0, "live_a", LONG_AFTER - 1_000);
        store(1, 0, "live_b", LONG_AFTER - 1_000);
        // A backfill request for the old window: partition 0's half is consumed, partition 1's is still in flight.
        store(0, 1, "backfill_a", WINDOW + 1_000);
        drained.set(Set.of(0));
        assertThat(cutter.cutDueWindows()).isZero();

        store(1, 1, "backfill_b", WINDOW + 2_000);
        drained.set(Set.of(0, 1));
        assertThat(cutter.cutDueWindows()).isGreaterThanOrEqualTo(1);
        assertThat(databases.head("t").chunksForRange(WINDOW, WINDOW + RANGE)).isEmpty();
    }

    @Test
    void whileReplayingAWindowIsCutOnceEveryPartitionHasDeliveredASampleHalfARangePastIt() {
        replaying.addAll(Set.of(0, 1));
        drained.set(Set.of(0, 1));
        store(0, 0, "early", WINDOW + 1_000);
        store(0, 1, "late_a", WINDOW + RANGE + RANGE / 2);
        assertThat(cutter.cutDueWindows()).as("partition 1 has not replayed that far").isZero();

        store(1, 0, "late_b", WINDOW + RANGE + RANGE / 2);
        assertThat(cutter.cutDueWindows()).isEqualTo(1);
        assertThat(databases.head("t").numSeries()).isEqualTo(2);
    }

    @Test
    void nothingIsCutWhileTheWallClockIsWithinHalfARangeOfTheWindowsEnd() {
        cutter = new BlockCutter(databases, new LocalBlocks(dir.resolve("tsdb"), Long.MAX_VALUE),
                new FilesystemBucket(dir.resolve("bucket")), RANGE, "test", () -> Set.of(0, 1), p -> true,
                asked -> drained.get(), () -> WINDOW + RANGE + RANGE / 2 - 1, new SimpleMeterRegistry());
        store(0, 0, "recent", WINDOW + 1_000);
        drained.set(Set.of(0, 1));

        assertThat(cutter.cutDueWindows()).isZero();
    }

    private void store(int partition, long offset, String name, long timestamp) {
        byte[] request = WriteRequest.newBuilder().addTimeseries(TimeSeries.newBuilder()
                        .addLabels(Label.newBuilder().setName("__name__").setValue(name))
                        .addSamples(Sample.newBuilder().setTimestamp(timestamp).setValue(1)))
                .build().toByteArray();
        assertThat(databases.store(partition, offset, "t", scanner.scan(request, RecordVersion.V1)).appended())
                .isEqualTo(1);
    }

    private java.util.List<Path> blockMetas() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("bucket"))) {
            return files.filter(f -> f.getFileName().toString().equals("meta.json")).toList();
        }
    }
}
