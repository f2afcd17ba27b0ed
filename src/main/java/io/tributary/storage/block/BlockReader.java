package io.tributary.storage.block;

import io.tributary.storage.ChunkQuerier;
import io.tributary.storage.HistogramChunkIterator;
import io.tributary.storage.HistogramChunks;
import io.tributary.storage.HistogramSample;
import io.tributary.storage.LabelMatcher;
import io.tributary.storage.Labels;
import io.tributary.storage.SeriesChunks;
import io.tributary.storage.StoredChunk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Queries one Prometheus TSDB block on disk: {@code meta.json}, the {@code index} and the {@code chunks/}
 * segments, which are memory-mapped. Equality matchers are answered from postings lists, regular expressions by
 * scanning the label's values; every matcher is then checked against the series' labels, so matchers that also
 * select series lacking the label ({@code job=""}, {@code job!~"api"}) work as in Prometheus. Float chunks are
 * returned as stored; histogram chunks are decoded into {@link HistogramSample}s (protobuf messages) inside the
 * queried range, the form the head returns them in, so the read path treats both sources alike.
 *
 * <p>Checksums are verified as data is read: opening checks the TOC, symbol table, postings offset table and
 * tombstones; a query checks the postings lists, series and chunks it touches, and a failure is a
 * {@link CorruptBlockException} naming the file. Blocks with deletions (tombstones) are refused, as this reader
 * does not apply them. Thread safe; {@link #close()} only marks the reader closed, because Java cannot unmap a
 * file before the mapping is garbage collected.
 */
public final class BlockReader implements ChunkQuerier, AutoCloseable {
    private final Path directory;
    private final BlockMeta meta;
    private final IndexReader index;
    private final ChunkSegmentReader chunks;
    private volatile boolean closed;

    private BlockReader(Path directory, BlockMeta meta, IndexReader index, ChunkSegmentReader chunks) {
        this.directory = directory;
        this.meta = meta;
        this.index = index;
        this.chunks = chunks;
    }

    /**
     * Opens the block in {@code directory}.
     *
     * @throws java.nio.file.NoSuchFileException if a block file is missing
     * @throws CorruptBlockException if a file does not parse, fails a checksum, or the block has tombstones
     */
    public static BlockReader open(Path directory) throws IOException {
        Path metaFile = directory.resolve(MetaFile.NAME);
        BlockMeta meta = MetaFile.decode(Files.readAllBytes(metaFile), metaFile);
        Path tombstones = directory.resolve(BlockWriter.TOMBSTONES_FILE);
        if (Files.exists(tombstones)) {
            int deleted = TombstonesFile.countIntervals(MappedFile.map(tombstones), tombstones);
            if (deleted > 0) {
                throw new CorruptBlockException(tombstones, "the block has " + deleted + " deleted intervals, "
                        + "which this reader cannot apply; compact the block first");
            }
        }
        IndexReader index = IndexReader.open(directory.resolve(BlockWriter.INDEX_FILE));
        ChunkSegmentReader chunks = ChunkSegmentReader.open(directory.resolve(BlockWriter.CHUNKS_DIR));
        return new BlockReader(directory, meta, index, chunks);
    }

    public BlockMeta meta() {
        return meta;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public List<SeriesChunks> select(long mint, long maxt, List<LabelMatcher> matchers) {
        List<SeriesChunks> result = new ArrayList<>();
        forEachSeries(mint, maxt, matchers, (series, overlapping) -> {
            List<StoredChunk> floats = new ArrayList<>(overlapping.size());
            List<HistogramSample> histograms = new ArrayList<>();
            for (IndexWriter.ChunkMeta c : overlapping) {
                ChunkSegmentReader.RawChunk raw = chunks.read(c.ref());
                StoredChunk chunk = new StoredChunk(c.minTime(), c.maxTime(), raw.encoding(), raw.data());
                if (HistogramChunkIterator.isHistogramEncoding(raw.encoding())) {
                    histograms.addAll(histogramsIn(chunk, c.ref(), series.labels(), mint, maxt));
                } else {
                    floats.add(chunk);
                }
            }
            // Like the head, a series is left out when its only histogram chunk overlaps the range without a
            // sample inside it.
            if (!floats.isEmpty() || !histograms.isEmpty()) {
                result.add(new SeriesChunks(series.labels(), floats, histograms));
            }
        });
        // The index is in Prometheus's byte order; the querier contract is Labels order. They rarely differ.
        result.sort(Comparator.comparing(SeriesChunks::labels));
        return result;
    }

    /**
     * Histograms are decoded here, so that the read path gets them as it gets them from the head: as protobuf
     * messages, within the range.
     */
    private List<HistogramSample> histogramsIn(StoredChunk chunk, long ref, Labels labels, long mint, long maxt) {
        try {
            return HistogramChunks.decode(chunk, mint, maxt);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new CorruptBlockException(directory.resolve(BlockWriter.CHUNKS_DIR), "histogram chunk "
                    + Long.toHexString(ref) + " of series " + labels + " does not decode: " + e.getMessage(), e);
        }
    }

    @Override
    public SortedSet<String> labelNames(long mint, long maxt, List<LabelMatcher> matchers) {
        if (matchers.isEmpty() && coversBlock(mint, maxt)) {
            ensureOpen();
            return index.labelNames();
        }
        SortedSet<String> names = new TreeSet<>();
        forEachSeries(mint, maxt, matchers, (series, overlapping) -> {
            for (int i = 0; i < series.labels().size(); i++) {
                names.add(series.labels().name(i));
            }
        });
        return names;
    }

    @Override
    public SortedSet<String> labelValues(String name, long mint, long maxt, List<LabelMatcher> matchers) {
        if (matchers.isEmpty() && coversBlock(mint, maxt)) {
            ensureOpen();
            return index.labelValues(name);
        }
        SortedSet<String> values = new TreeSet<>();
        forEachSeries(mint, maxt, matchers, (series, overlapping) -> {
            String value = series.labels().get(name);
            if (!value.isEmpty()) {
                values.add(value);
            }
        });
        return values;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "BlockReader[" + directory + "]";
    }

    /** Whether [mint, maxt] covers the whole block, so that every series in it has a chunk in range. */
    private boolean coversBlock(long mint, long maxt) {
        return mint <= meta.minTime() && maxt >= meta.maxTime() - 1;
    }

    private interface SeriesVisitor {
        void visit(IndexReader.Series series, List<IndexWriter.ChunkMeta> overlapping);
    }

    /** Visits, in index order, each series matching all matchers with chunks in [mint, maxt], and those chunks. */
    private void forEachSeries(long mint, long maxt, List<LabelMatcher> matchers, SeriesVisitor visitor) {
        ensureOpen();
        if (mint > maxt || maxt < meta.minTime() || mint >= meta.maxTime()) {
            return;
        }
        for (int id : candidates(matchers)) {
            IndexReader.Series series = index.series(id);
            if (!matchesAll(series.labels(), matchers)) {
                continue;
            }
            List<IndexWriter.ChunkMeta> overlapping = new ArrayList<>(series.chunks().size());
            for (IndexWriter.ChunkMeta c : series.chunks()) {
                if (c.minTime() <= maxt && c.maxTime() >= mint) {
                    overlapping.add(c);
                }
            }
            if (!overlapping.isEmpty()) {
                visitor.visit(series, overlapping);
            }
        }
    }

    /**
     * Series IDs that may match: the intersection of the postings of every matcher that requires its label to be
     * present, or all series when there is none. Matchers that accept an absent label are checked afterwards.
     */
    private int[] candidates(List<LabelMatcher> matchers) {
        int[] result = null;
        for (LabelMatcher m : matchers) {
            if (m.matchesEmpty()) {
                continue;
            }
            int[] ids = m.type() == LabelMatcher.Type.EQUAL
                    ? index.postings(m.name(), m.value())
                    : index.postingsMatching(m.name(), m::matches);
            result = result == null ? ids : intersect(result, ids);
            if (result.length == 0) {
                return result;
            }
        }
        return result == null ? index.allPostings() : result;
    }

    private static boolean matchesAll(Labels labels, List<LabelMatcher> matchers) {
        for (LabelMatcher m : matchers) {
            if (!m.matches(labels.get(m.name()))) {
                return false;
            }
        }
        return true;
    }

    private static int[] intersect(int[] a, int[] b) {
        int[] out = new int[Math.min(a.length, b.length)];
        int n = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length;) {
            int c = Integer.compareUnsigned(a[i], b[j]);
            if (c == 0) {
                out[n++] = a[i];
                i++;
                j++;
            } else if (c < 0) {
                i++;
            } else {
                j++;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }
}
