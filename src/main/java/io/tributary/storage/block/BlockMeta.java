package io.tributary.storage.block;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The contents of a block's {@code meta.json}: Prometheus's fields, plus the {@code thanos} section that Thanos
 * and Mimir tooling read. {@code maxTime} is exclusive, as in Prometheus: the block holds samples with
 * {@code minTime <= t < maxTime}.
 *
 * @param thanos null when the block carries no {@code thanos} section (a block Prometheus itself wrote)
 */
public record BlockMeta(ULID ulid, long minTime, long maxTime, Stats stats, int compactionLevel,
        List<ULID> compactionSources, int version, Thanos thanos) {

    /** The only {@code meta.json} version Prometheus has written. */
    public static final int VERSION = 1;

    public BlockMeta {
        Objects.requireNonNull(ulid, "ulid");
        Objects.requireNonNull(stats, "stats");
        compactionSources = List.copyOf(compactionSources);
    }

    /** Parses a {@code meta.json}; {@code origin} names it in the message of a {@link CorruptBlockException}. */
    public static BlockMeta parse(byte[] json, Path origin) {
        return MetaFile.decode(json, origin);
    }

    /** Block statistics; Prometheus's {@code promtool tsdb list} prints them. */
    public record Stats(long numSamples, long numSeries, long numChunks) {
    }

    /**
     * The Thanos section: external labels (Mimir puts the tenant in {@code __org_id__}), the downsampling
     * resolution (0 = raw samples), who produced the block, and the block's files sorted by path.
     */
    public record Thanos(Map<String, String> labels, long downsampleResolution, String source, List<File> files) {
        public Thanos {
            labels = Collections.unmodifiableMap(new TreeMap<>(labels));
            files = List.copyOf(files);
        }
    }

    /**
     * One file of the block, by path relative to the block directory. {@code sizeBytes} is 0 for
     * {@code meta.json}, whose size Thanos leaves out because the file cannot contain its own size.
     */
    public record File(String relPath, long sizeBytes) {
    }
}
