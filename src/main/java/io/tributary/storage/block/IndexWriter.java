package io.tributary.storage.block;

import io.tributary.storage.Labels;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes a block's {@code index} file in Prometheus's index format version 2 (see
 * {@code tsdb/docs/format/index.md}), section for section as Prometheus 2.x lays it out: symbol table, series
 * (16-byte aligned, the offset / 16 being the series ID), one label index per label name, postings (the list for
 * the empty label pair first: every series), the label offset table, the postings offset table, and the TOC.
 *
 * <p>The label indices and their offset table are no longer read by Prometheus, but version 2 readers may still
 * expect them (Prometheus stopped writing them only with index version 3), so they are written.
 */
final class IndexWriter {
    static final int MAGIC = 0xBAAAD700;
    static final int FORMAT_V2 = 2;
    static final int SERIES_ALIGNMENT = 16;
    static final int TOC_LENGTH = 6 * 8 + 4;

    /** A chunk as the index records it: its time range (both ends inclusive) and its reference. */
    record ChunkMeta(long minTime, long maxTime, long ref) {
    }

    /** One series for the index, with its chunks in time order. */
    record Series(Labels labels, List<ChunkMeta> chunks) {
    }

    private final OutputStream out;
    private final EncodingBuffer buffer = new EncodingBuffer(1 << 16);
    private long position;

    private IndexWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes and fsyncs the index; {@code series} must be sorted in {@link Utf8Order#LABELS} order. */
    static void write(Path file, List<Series> series) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 20);
            new IndexWriter(out).writeIndex(series);
            out.flush();
            channel.force(true);
        }
    }

    private void writeIndex(List<Series> series) throws IOException {
        buffer.reset();
        buffer.putBE32(MAGIC).putByte(FORMAT_V2);
        flushBuffer();

        long symbolsStart = position;
        Map<String, Integer> symbols = writeSymbols(series);

        long seriesStart = position;
        SeriesIds all = new SeriesIds();
        Map<String, TreeMap<String, SeriesIds>> postings = new TreeMap<>(Utf8Order.STRINGS);
        for (Series s : series) {
            long id = writeSeries(s, symbols);
            all.add(id);
            for (int i = 0; i < s.labels().size(); i++) {
                postings.computeIfAbsent(s.labels().name(i), n -> new TreeMap<>(Utf8Order.STRINGS))
                        .computeIfAbsent(s.labels().value(i), v -> new SeriesIds()).add(id);
            }
        }

        long labelIndicesStart = position;
        Map<String, Long> labelIndexOffsets = new LinkedHashMap<>();
        for (Map.Entry<String, TreeMap<String, SeriesIds>> name : postings.entrySet()) {
            labelIndexOffsets.put(name.getKey(), writeLabelIndex(name.getValue().keySet(), symbols));
        }

        long postingsStart = position;
        pad(4);
        Map<String, Map<String, Long>> postingsOffsets = new LinkedHashMap<>();
        // The empty pair's list holds every series: the "all postings" readers start from.
        postingsOffsets.put("", Map.of("", writePostings(all)));
        for (Map.Entry<String, TreeMap<String, SeriesIds>> name : postings.entrySet()) {
            Map<String, Long> offsets = new LinkedHashMap<>();
            for (Map.Entry<String, SeriesIds> value : name.getValue().entrySet()) {
                offsets.put(value.getKey(), writePostings(value.getValue()));
            }
            postingsOffsets.put(name.getKey(), offsets);
        }

        long labelOffsetTableStart = position;
        writeLabelOffsetTable(labelIndexOffsets);
        long postingsOffsetTableStart = position;
        writePostingsOffsetTable(postingsOffsets);

        buffer.reset();
        buffer.putBE64(symbolsStart).putBE64(seriesStart).putBE64(labelIndicesStart)
                .putBE64(labelOffsetTableStart).putBE64(postingsStart).putBE64(postingsOffsetTableStart);
        buffer.putCrc32c(0);
        flushBuffer();
    }

    /** {@code len <4b> | #symbols <4b> | (uvarint len, bytes)... | CRC32C}, strings in byte order. */
    private Map<String, Integer> writeSymbols(List<Series> series) throws IOException {
        TreeSet<String> sorted = new TreeSet<>(Utf8Order.STRINGS);
        for (Series s : series) {
            for (int i = 0; i < s.labels().size(); i++) {
                sorted.add(s.labels().name(i));
                sorted.add(s.labels().value(i));
            }
        }
        Map<String, Integer> index = new HashMap<>(sorted.size() * 2);
        buffer.reset();
        buffer.putBE32(0).putBE32(sorted.size());
        for (String symbol : sorted) {
            index.put(symbol, index.size());
            buffer.putUvarintString(symbol);
        }
        finishSection("symbol table");
        return index;
    }

    /** Pads to 16 bytes, writes {@code uvarint len | labels | chunk metas | CRC32C}; returns the series ID. */
    private long writeSeries(Series s, Map<String, Integer> symbols) throws IOException {
        pad(SERIES_ALIGNMENT);
        long id = position / SERIES_ALIGNMENT;
        if (id > 0xffffffffL) {
            throw new IOException("index exceeds 64 GiB: series IDs no longer fit 32 bits");
        }
        EncodingBuffer body = new EncodingBuffer(64 + 16 * s.chunks().size());
        body.putUvarint(s.labels().size());
        for (int i = 0; i < s.labels().size(); i++) {
            body.putUvarint(symbols.get(s.labels().name(i)));
            body.putUvarint(symbols.get(s.labels().value(i)));
        }
        body.putUvarint(s.chunks().size());
        long previousMaxTime = 0;
        long previousRef = 0;
        for (int i = 0; i < s.chunks().size(); i++) {
            ChunkMeta c = s.chunks().get(i);
            if (i == 0) {
                body.putVarint(c.minTime());
                body.putUvarint(c.maxTime() - c.minTime());
                body.putUvarint(c.ref());
            } else {
                body.putUvarint(c.minTime() - previousMaxTime);
                body.putUvarint(c.maxTime() - c.minTime());
                body.putVarint(c.ref() - previousRef);
            }
            previousMaxTime = c.maxTime();
            previousRef = c.ref();
        }
        buffer.reset();
        buffer.putUvarint(body.length());
        flushBuffer();
        body.putCrc32c(0);
        body.writeTo(out);
        position += body.length();
        return id;
    }

    /** {@code len | #names = 1 | #entries | symbol refs of the values | CRC32C}, 4-byte aligned. */
    private long writeLabelIndex(Iterable<String> values, Map<String, Integer> symbols) throws IOException {
        pad(4);
        long start = position;
        buffer.reset();
        buffer.putBE32(0).putBE32(1).putBE32(0);
        int count = 0;
        for (String value : values) {
            buffer.putBE32(symbols.get(value));
            count++;
        }
        buffer.setBE32(8, count);
        finishSection("label index");
        return start;
    }

    /** {@code len | #entries | series IDs (4 bytes each) | CRC32C}, 4-byte aligned. */
    private long writePostings(SeriesIds ids) throws IOException {
        pad(4);
        long start = position;
        buffer.reset();
        buffer.putBE32(0).putBE32(ids.size);
        for (int i = 0; i < ids.size; i++) {
            buffer.putBE32(Integer.toUnsignedLong(ids.ids[i]));
        }
        finishSection("postings list");
        return start;
    }

    private void writeLabelOffsetTable(Map<String, Long> offsets) throws IOException {
        buffer.reset();
        buffer.putBE32(0).putBE32(offsets.size());
        offsets.forEach((name, offset) -> buffer.putUvarint(1).putUvarintString(name).putUvarint(offset));
        finishSection("label offset table");
    }

    private void writePostingsOffsetTable(Map<String, Map<String, Long>> offsets) throws IOException {
        buffer.reset();
        buffer.putBE32(0).putBE32(0);
        int count = 0;
        for (Map.Entry<String, Map<String, Long>> name : offsets.entrySet()) {
            for (Map.Entry<String, Long> value : name.getValue().entrySet()) {
                buffer.putUvarint(2).putUvarintString(name.getKey()).putUvarintString(value.getKey())
                        .putUvarint(value.getValue());
                count++;
            }
        }
        buffer.setBE32(4, count);
        finishSection("postings offset table");
    }

    /** Fills in the leading 4-byte length, appends the checksum of the bytes after it, and writes the section. */
    private void finishSection(String section) throws IOException {
        long length = buffer.length() - 4L;
        if (length > 0xffffffffL) {
            throw new IOException(section + " of " + length + " bytes exceeds the 4 GiB its length field allows");
        }
        buffer.setBE32(0, length);
        buffer.putCrc32c(4);
        flushBuffer();
    }

    private void pad(int alignment) throws IOException {
        int padding = (int) ((alignment - position % alignment) % alignment);
        if (padding > 0) {
            out.write(new byte[padding]);
            position += padding;
        }
    }

    private void flushBuffer() throws IOException {
        buffer.writeTo(out);
        position += buffer.length();
    }

    /** Series IDs in increasing order, held as unsigned ints. */
    private static final class SeriesIds {
        int[] ids = new int[4];
        int size;

        void add(long id) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = (int) id;
        }
    }
}
