package io.tributary.storage.block;

import io.tributary.storage.Labels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Reads a block's {@code index} (format version 2, or 3, which differs only in leaving out the label indices this
 * reader does not use). Opening checks the TOC, the symbol table and the postings offset table and keeps them in
 * memory; postings lists and series are read from the mapped file when asked for, checksums verified each time.
 */
final class IndexReader {
    private final Path file;
    private final ByteBuffer buffer;
    private final String[] symbols;
    /** Label name to its values, in the index's (byte) order; the empty name holds the all-series list. */
    private final Map<String, Values> postings;

    /** A series as the index holds it. */
    record Series(long id, Labels labels, List<IndexWriter.ChunkMeta> chunks) {
    }

    private record Values(String[] values, long[] offsets, Map<String, Long> byValue) {
    }

    private IndexReader(Path file, ByteBuffer buffer) {
        this.file = file;
        this.buffer = buffer;
        int size = buffer.capacity();
        if (size < 5 + IndexWriter.TOC_LENGTH) {
            throw new CorruptBlockException(file, "too short (" + size + " bytes) to hold a header and a TOC");
        }
        if (buffer.getInt(0) != IndexWriter.MAGIC) {
            throw new CorruptBlockException(file, String.format("bad magic number %08x, expected %08x",
                    buffer.getInt(0), IndexWriter.MAGIC));
        }
        int version = buffer.get(4) & 0xff;
        if (version != 2 && version != 3) {
            throw new CorruptBlockException(file, "index format version " + version + " is not supported "
                    + "(only 2 and 3; version 1 was last written by Prometheus 2.1)");
        }
        Decoder toc = Decoder.checked(buffer, file, size - IndexWriter.TOC_LENGTH, IndexWriter.TOC_LENGTH - 4, "TOC");
        long symbolsAt = toc.be64();
        toc.be64(); // series
        toc.be64(); // label indices
        toc.be64(); // label offset table
        toc.be64(); // postings
        long postingsTableAt = toc.be64();
        this.symbols = readSymbols(symbolsAt);
        this.postings = readPostingsOffsetTable(postingsTableAt);
    }

    static IndexReader open(Path file) throws IOException {
        return new IndexReader(file, MappedFile.map(file));
    }

    /** The IDs of the series holding {@code name=value}, ascending; empty when there are none. */
    int[] postings(String name, String value) {
        Values values = postings.get(name);
        Long offset = values == null ? null : values.byValue().get(value);
        return offset == null ? new int[0] : readPostings(offset, name, value);
    }

    /** Every series ID, ascending. */
    int[] allPostings() {
        return postings("", "");
    }

    /** The IDs of the series whose {@code name} has a value for which {@code accept} is true, ascending. */
    int[] postingsMatching(String name, Predicate<String> accept) {
        Values values = postings.get(name);
        if (values == null) {
            return new int[0];
        }
        List<int[]> lists = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < values.values().length; i++) {
            if (accept.test(values.values()[i])) {
                int[] ids = readPostings(values.offsets()[i], name, values.values()[i]);
                lists.add(ids);
                total += ids.length;
            }
        }
        if (lists.size() == 1) {
            return lists.get(0);
        }
        int[] merged = new int[total];
        int at = 0;
        for (int[] ids : lists) {
            System.arraycopy(ids, 0, merged, at, ids.length);
            at += ids.length;
        }
        // A series has one value per name, so the lists are disjoint: sorting is enough.
        Arrays.sort(merged);
        return merged;
    }

    /** Label names with at least one series, in Java order. */
    SortedSet<String> labelNames() {
        SortedSet<String> names = new TreeSet<>(postings.keySet());
        names.remove("");
        return names;
    }

    /** The values of {@code name} in Java order. */
    SortedSet<String> labelValues(String name) {
        Values values = postings.get(name);
        if (name.isEmpty() || values == null) {
            return new TreeSet<>();
        }
        SortedSet<String> sorted = new TreeSet<>();
        Collections.addAll(sorted, values.values());
        return sorted;
    }

    Series series(int id) {
        long offset = Integer.toUnsignedLong(id) * IndexWriter.SERIES_ALIGNMENT;
        if (offset >= buffer.capacity()) {
            throw new CorruptBlockException(file, "series " + id + " would start at offset " + offset
                    + ", past the end of the file");
        }
        Decoder length = new Decoder(buffer, file, (int) offset, buffer.capacity());
        int bodyLength = length.uvarintInt();
        Decoder d = Decoder.checked(buffer, file, length.position(), bodyLength, "series " + id);
        int labelCount = d.uvarintInt();
        String[] pairs = new String[labelCount * 2];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = symbol(d.uvarintInt(), d);
        }
        int chunkCount = d.uvarintInt();
        List<IndexWriter.ChunkMeta> chunks = new ArrayList<>(chunkCount);
        long maxTime = 0;
        long ref = 0;
        for (int i = 0; i < chunkCount; i++) {
            long minTime = i == 0 ? d.varint() : maxTime + d.uvarint();
            maxTime = minTime + d.uvarint();
            ref = i == 0 ? d.uvarint() : ref + d.varint();
            chunks.add(new IndexWriter.ChunkMeta(minTime, maxTime, ref));
        }
        return new Series(Integer.toUnsignedLong(id), Labels.ofSorted(pairs), chunks);
    }

    private String symbol(int ref, Decoder d) {
        if (ref >= symbols.length) {
            throw d.corrupt("symbol reference " + ref + " is beyond the " + symbols.length + " symbols");
        }
        return symbols[ref];
    }

    private int[] readPostings(long offset, String name, String value) {
        Decoder d = Decoder.checkedSection(buffer, file, offset, "postings list for " + name + "=\"" + value + "\"");
        int count = d.be32int();
        if (count > d.remaining() / 4) {
            throw d.corrupt("postings list claims " + count + " entries in " + d.remaining() + " bytes");
        }
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = (int) d.be32();
        }
        return ids;
    }

    private String[] readSymbols(long offset) {
        Decoder d = Decoder.checkedSection(buffer, file, offset, "symbol table");
        int count = d.be32int();
        if (count > d.remaining()) {
            throw d.corrupt("symbol table claims " + count + " symbols in " + d.remaining() + " bytes");
        }
        String[] table = new String[count];
        for (int i = 0; i < count; i++) {
            table[i] = d.uvarintString();
        }
        return table;
    }

    private Map<String, Values> readPostingsOffsetTable(long offset) {
        Decoder d = Decoder.checkedSection(buffer, file, offset, "postings offset table");
        int count = d.be32int();
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, List<Long>> offsets = new HashMap<>();
        for (int i = 0; i < count; i++) {
            int keys = d.uvarintInt();
            if (keys != 2) {
                throw d.corrupt("postings offset entry has " + keys + " keys, expected 2");
            }
            String name = d.uvarintString();
            String value = d.uvarintString();
            long at = d.uvarint();
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            offsets.computeIfAbsent(name, n -> new ArrayList<>()).add(at);
        }
        Map<String, Values> table = new HashMap<>(values.size() * 2);
        values.forEach((name, vs) -> {
            List<Long> os = offsets.get(name);
            long[] at = new long[os.size()];
            Map<String, Long> byValue = new HashMap<>(vs.size() * 2);
            for (int i = 0; i < at.length; i++) {
                at[i] = os.get(i);
                byValue.put(vs.get(i), at[i]);
            }
            table.put(name, new Values(vs.toArray(new String[0]), at, byValue));
        });
        return table;
    }
}
