package io.tributary.storage.block;

import io.tributary.storage.ChunkSequence;
import io.tributary.storage.HistogramSample;
import io.tributary.storage.Labels;
import io.tributary.storage.SeriesChunks;
import io.tributary.storage.StoredChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Writes Prometheus TSDB blocks: {@code <directory>/<ULID>/} with {@code chunks/}, {@code index},
 * {@code tombstones} and {@code meta.json} (including a Thanos section), readable by Prometheus, {@code promtool},
 * Thanos and Mimir. The block is built in a temporary sibling directory, every file is fsynced, and the directory
 * is renamed into place at the end, so a crash never leaves a half-written block under a block name.
 *
 * <p>A series' float chunks are written as they are; its {@link SeriesChunks#histograms() native histogram samples}
 * are encoded into Prometheus histogram chunks ({@link ChunkSequence}). A series with neither is left out. The
 * float chunks of a series must be in time order and must not overlap, histogram samples must be in increasing
 * time order, and both must lie within the block's range.
 *
 * <p>Not thread safe: use one writer per thread, or one at a time.
 */
public final class BlockWriter {
    /** Prometheus's chunk segment size. */
    public static final long DEFAULT_SEGMENT_SIZE = 512L * 1024 * 1024;
    /** Thanos's source value for blocks built from remote-written samples, which is what we build. */
    public static final String DEFAULT_SOURCE = "receive";
    /** The external label Mimir uses to record a block's tenant. */
    public static final String TENANT_LABEL = "__org_id__";

    static final String CHUNKS_DIR = "chunks";
    static final String INDEX_FILE = "index";
    static final String TOMBSTONES_FILE = "tombstones";
    /** Prometheus deletes directories with this suffix on start-up, as leftovers of interrupted writes. */
    static final String TEMPORARY_SUFFIX = ".tmp-for-creation";

    private final Path directory;
    private final String source;
    private final long segmentSize;

    /** A writer of blocks under {@code directory}, recording {@link #DEFAULT_SOURCE} as their source. */
    public BlockWriter(Path directory) {
        this(directory, DEFAULT_SOURCE);
    }

    /** A writer of blocks under {@code directory}, recording {@code source} in the Thanos section. */
    public BlockWriter(Path directory, String source) {
        this(directory, source, DEFAULT_SEGMENT_SIZE);
    }

    BlockWriter(Path directory, String source, long segmentSize) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.source = Objects.requireNonNull(source, "source");
        this.segmentSize = segmentSize;
    }

    /** The external labels that mark a block as one tenant's, as Mimir does. */
    public static Map<String, String> tenantLabels(String tenant) {
        return Map.of(TENANT_LABEL, tenant);
    }

    /**
     * Writes one block and returns its metadata.
     *
     * @param ulid the block's identifier and directory name; an existing block of that name is replaced (the same
     *     identifier must mean the same contents, see {@link ULID#derive})
     * @param minTime the first millisecond of the block's range (inclusive)
     * @param maxTime the end of the block's range (exclusive, as Prometheus's {@code meta.json} records it)
     * @param externalLabels the Thanos external labels, e.g. {@link #tenantLabels}
     * @param series the series, sorted by labels with no duplicates
     * @throws IllegalArgumentException if the series are unsorted or duplicated, a chunk or histogram is out of
     *     order or outside {@code [minTime, maxTime)}, or a histogram sample cannot be stored (an
     *     {@link io.tributary.storage.InvalidHistogramException}); nothing is left on disk then
     */
    public BlockMeta write(ULID ulid, long minTime, long maxTime, Map<String, String> externalLabels,
            List<SeriesChunks> series) throws IOException {
        if (minTime >= maxTime) {
            throw new IllegalArgumentException("block range [" + minTime + ", " + maxTime + ") is empty");
        }
        List<BlockSeries> sorted = validated(series, minTime, maxTime);
        Files.createDirectories(directory);
        Path target = directory.resolve(ulid.toString());
        Path temporary = directory.resolve(ulid + TEMPORARY_SUFFIX);
        deleteRecursively(temporary);
        Files.createDirectories(temporary.resolve(CHUNKS_DIR));
        try {
            BlockMeta meta = writeFiles(temporary, ulid, minTime, maxTime, externalLabels, sorted);
            syncDirectory(temporary.resolve(CHUNKS_DIR));
            syncDirectory(temporary);
            deleteRecursively(target);
            moveIntoPlace(temporary, target);
            syncDirectory(directory);
            return meta;
        } catch (IOException | RuntimeException e) {
            try {
                deleteRecursively(temporary);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private BlockMeta writeFiles(Path dir, ULID ulid, long minTime, long maxTime, Map<String, String> externalLabels,
            List<BlockSeries> series) throws IOException {
        long samples = 0;
        long chunks = 0;
        List<IndexWriter.Series> indexed = new ArrayList<>(series.size());
        ChunkSegmentWriter chunkWriter = new ChunkSegmentWriter(dir.resolve(CHUNKS_DIR), segmentSize);
        List<Path> segments;
        try {
            for (BlockSeries s : series) {
                List<IndexWriter.ChunkMeta> metas = new ArrayList<>(s.chunks().size());
                for (StoredChunk c : s.chunks()) {
                    metas.add(new IndexWriter.ChunkMeta(c.minTime(), c.maxTime(), chunkWriter.write(c)));
                    samples += c.sampleCount();
                }
                chunks += metas.size();
                indexed.add(new IndexWriter.Series(s.labels(), metas));
            }
            segments = chunkWriter.finish();
        } catch (IOException | RuntimeException e) {
            chunkWriter.abort();
            throw e;
        }
        IndexWriter.write(dir.resolve(INDEX_FILE), indexed);
        writeSynced(dir.resolve(TOMBSTONES_FILE), TombstonesFile.EMPTY);

        // As Thanos and Mimir list them: the files a bucket holds (not tombstones), sorted by path, meta.json
        // without a size since it cannot hold its own.
        List<BlockMeta.File> files = new ArrayList<>();
        for (Path segment : segments) {
            files.add(new BlockMeta.File(CHUNKS_DIR + "/" + segment.getFileName(), Files.size(segment)));
        }
        files.add(new BlockMeta.File(INDEX_FILE, Files.size(dir.resolve(INDEX_FILE))));
        files.add(new BlockMeta.File(MetaFile.NAME, 0));
        BlockMeta meta = new BlockMeta(ulid, minTime, maxTime, new BlockMeta.Stats(samples, series.size(), chunks),
                1, List.of(ulid), BlockMeta.VERSION,
                new BlockMeta.Thanos(externalLabels, 0, source, files));
        writeSynced(dir.resolve(MetaFile.NAME), MetaFile.encode(meta));
        return meta;
    }

    /** One series as it goes into the block: its labels and every chunk, floats and histograms in time order. */
    private record BlockSeries(Labels labels, List<StoredChunk> chunks) {
    }

    /**
     * Checks the input and returns the series to write in Prometheus's order, with their histograms encoded.
     * Callers sort by {@link Labels#compareTo}, which differs from Prometheus's byte order only for rare
     * characters; re-sorting an already sorted list costs one pass.
     */
    private static List<BlockSeries> validated(List<SeriesChunks> series, long minTime, long maxTime) {
        List<BlockSeries> kept = new ArrayList<>(series.size());
        for (SeriesChunks s : series) {
            if (s.chunks().isEmpty() && s.histograms().isEmpty()) {
                continue;
            }
            checkChunks(s.labels(), s.chunks(), minTime, maxTime);
            checkHistograms(s.labels(), s.histograms(), minTime, maxTime);
            List<StoredChunk> chunks = ChunkSequence.of(s, maxTime - minTime);
            // The sequence of floats and histograms together must hold what each did alone.
            checkChunks(s.labels(), chunks, minTime, maxTime);
            kept.add(new BlockSeries(s.labels(), chunks));
        }
        kept.sort(Comparator.comparing(BlockSeries::labels, Utf8Order.LABELS));
        for (int i = 1; i < kept.size(); i++) {
            if (kept.get(i - 1).labels().equals(kept.get(i).labels())) {
                throw new IllegalArgumentException("series " + kept.get(i).labels() + " appears more than once");
            }
        }
        return kept;
    }

    private static void checkChunks(Labels labels, List<StoredChunk> chunks, long minTime, long maxTime) {
        long previousMax = Long.MIN_VALUE;
        for (StoredChunk c : chunks) {
            if (c.minTime() > c.maxTime()) {
                throw new IllegalArgumentException(labels + ": chunk [" + c.minTime() + ", " + c.maxTime()
                        + "] ends before it starts");
            }
            if (c.minTime() < minTime || c.maxTime() >= maxTime) {
                throw new IllegalArgumentException(labels + ": chunk [" + c.minTime() + ", " + c.maxTime()
                        + "] lies outside the block range [" + minTime + ", " + maxTime + ")");
            }
            if (previousMax != Long.MIN_VALUE && c.minTime() <= previousMax) {
                throw new IllegalArgumentException(labels + ": chunk starting at " + c.minTime()
                        + " overlaps or precedes the previous chunk, which ends at " + previousMax);
            }
            if (c.data().length < 2) {
                throw new IllegalArgumentException(labels + ": chunk has no sample-count header");
            }
            previousMax = c.maxTime();
        }
    }

    private static void checkHistograms(Labels labels, List<HistogramSample> histograms, long minTime,
            long maxTime) {
        for (HistogramSample h : histograms) {
            if (h.timestamp() < minTime || h.timestamp() >= maxTime) {
                throw new IllegalArgumentException(labels + ": histogram at " + h.timestamp()
                        + " lies outside the block range [" + minTime + ", " + maxTime + ")");
            }
        }
    }

    private static void writeSynced(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + temporary + " to " + target + " atomically; the block directory "
                    + "must be on a file system that supports rename", e);
        }
    }

    /** Makes a directory's entries (new files, renames) durable; Linux needs this, and it is harmless elsewhere. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory for reading; there renames are durable anyway.
            if (!System.getProperty("os.name", "").toLowerCase().startsWith("windows")) {
                throw e;
            }
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
