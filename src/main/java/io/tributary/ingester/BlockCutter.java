package io.tributary.ingester;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.storage.SeriesChunks;
import io.tributary.storage.TenantHead;
import io.tributary.storage.block.BlockMeta;
import io.tributary.storage.block.BlockWriter;
import io.tributary.storage.block.ULID;
import io.tributary.storage.bucket.BlockUploader;
import io.tributary.storage.bucket.Bucket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts the heads into Prometheus blocks one block-range window at a time, uploads them, and only then moves
 * the replay checkpoint and truncates the heads. A window [w, w + range) is cut once the newest sample is half a
 * range past its end (Prometheus's head compaction rule) in every owned partition. A partition still replaying
 * its backlog counts once the newest sample it delivered is that far: one fast partition must not close a window
 * that a slower one still has samples for. A caught-up partition counts once that sample or the wall clock is that
 * far <em>and</em> its reader has consumed every record produced up to then (asked of Kafka, as a strong read
 * does): a backfill request for an old window is split across partitions, and the part consumed first must not
 * close the window on the parts still on their way. Block ids are derived from tenant, window and owner, so a cut repeated after a crash rebuilds and
 * overwrites the same block instead of adding a duplicate.
 */
final class BlockCutter {
    private static final Logger log = LoggerFactory.getLogger(BlockCutter.class);

    private final TenantDatabases databases;
    private final LocalBlocks localBlocks;
    private final BlockUploader uploader;
    private final String bucketName;
    private final long range;
    private final String owner;
    private final Supplier<Set<Integer>> ownedPartitions;
    private final IntPredicate caughtUp;
    private final DrainedPartitions drained;
    private final LongSupplier clock;
    private final Counter compactions;
    private final Counter uploads;
    private final Counter uploadFailures;

    BlockCutter(TenantDatabases databases, LocalBlocks localBlocks, Bucket bucket, long rangeMillis,
            String owner, Supplier<Set<Integer>> ownedPartitions, IntPredicate caughtUp, DrainedPartitions drained,
            LongSupplier clock,
            MeterRegistry registry) {
        this.databases = databases;
        this.localBlocks = localBlocks;
        this.uploader = new BlockUploader(bucket);
        this.bucketName = bucket.describe();
        this.range = rangeMillis;
        this.owner = owner;
        this.ownedPartitions = ownedPartitions;
        this.caughtUp = caughtUp;
        this.drained = drained;
        this.clock = clock;
        this.compactions = Counter.builder("tributary.ingester.tsdb.compactions")
                .description("Block-range windows cut from the heads into blocks (all tenants at once).")
                .register(registry);
        this.uploads = Counter.builder("tributary.ingester.shipper.uploads")
                .description("Blocks uploaded to the bucket.").register(registry);
        this.uploadFailures = Counter.builder("tributary.ingester.shipper.upload.failures")
                .description("Block uploads that failed; the window stays in the head and is cut again.")
                .register(registry);
    }

    /** Cuts every window that is due; returns how many were cut. Failures leave the head intact for a retry. */
    int cutDueWindows() {
        int cut = 0;
        while (true) {
            long window = oldestWindow();
            if (window == Long.MIN_VALUE || !due(window)) {
                return cut;
            }
            cutWindow(window);
            cut++;
        }
    }

    private long oldestWindow() {
        long minTime = Long.MAX_VALUE;
        for (TenantHead head : databases.heads().values()) {
            if (head.numSeries() > 0) {
                minTime = Math.min(minTime, head.minTime());
            }
        }
        if (minTime == Long.MAX_VALUE) {
            return Long.MIN_VALUE;
        }
        // After a failed upload the window is closed but still in the head: it is the oldest again and is retried.
        return databases.windows().windowStart(minTime);
    }

    private boolean due(long window) {
        long closeAt = window + range + range / 2;
        Set<Integer> partitions = ownedPartitions.get();
        if (partitions.isEmpty()) {
            return false;
        }
        boolean clockPast = clock.getAsLong() >= closeAt;
        Set<Integer> live = new HashSet<>();
        for (int partition : partitions) {
            boolean samplesPast = databases.windows().maxTimestamp(partition) >= closeAt;
            if (!caughtUp.test(partition)) {
                if (!samplesPast) {
                    return false;
                }
            } else if (samplesPast || clockPast) {
                live.add(partition);
            } else {
                return false;
            }
        }
        // Asked last, and only when everything else says yes: it waits for Kafka.
        return live.isEmpty() || drained.await(live).containsAll(live);
    }

    /** Which of the given partitions' readers consume every record produced up to now, waiting a bounded time. */
    @FunctionalInterface
    interface DrainedPartitions {
        Set<Integer> await(Set<Integer> partitions);
    }

    private void cutWindow(long window) {
        long end = window + range;
        databases.closeWindowsBefore(end);
        for (Map.Entry<String, TenantHead> tenant : databases.heads().entrySet()) {
            List<SeriesChunks> series = tenant.getValue().chunksForRange(window, end);
            if (series.isEmpty()) {
                continue;
            }
            writeAndUpload(tenant.getKey(), window, end, series);
        }
        Map<Integer, Long> replayFrom = new HashMap<>();
        for (int partition : databases.windows().partitionIds()) {
            replayFrom.put(partition, databases.windows().replayFrom(partition, end));
        }
        databases.checkpoint().advance(end, replayFrom);
        databases.windows().dropBefore(end);
        databases.heads().values().forEach(h -> h.truncateBefore(end));
        compactions.increment();
        log.info("cut window [{}, {}) into blocks; replay checkpoint now {}", window, end, replayFrom);
    }

    private void writeAndUpload(String tenant, long window, long end, List<SeriesChunks> series) {
        ULID id = ULID.derive(end, tenant + "/" + window + "/" + range + "/" + owner);
        Path tenantDir = localBlocks.tenantDir(tenant);
        BlockMeta meta;
        try {
            meta = new BlockWriter(tenantDir).write(id, window, end, BlockWriter.tenantLabels(tenant), series);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write block " + id + " of tenant " + tenant + " under " + tenantDir, e);
        }
        Path blockDir = tenantDir.resolve(id.toString());
        try {
            uploader.upload(tenant, blockDir);
            uploads.increment();
        } catch (RuntimeException e) {
            uploadFailures.increment();
            throw e;
        }
        localBlocks.add(tenant, blockDir);
        log.info("block {} of tenant {}: {} series, {} samples, [{}, {}) uploaded to {}", id, tenant,
                meta.stats().numSeries(), meta.stats().numSamples(), window, end, bucketName);
    }
}
