package io.tributary.storage.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Reads chunks from a block's mapped {@code chunks/} segments by the references the index holds. */
final class ChunkSegmentReader {
    private final List<Path> files;
    private final List<ByteBuffer> segments;

    /** A chunk's encoding and Prometheus bytes, checksum verified. */
    record RawChunk(byte encoding, byte[] data) {
    }

    private ChunkSegmentReader(List<Path> files, List<ByteBuffer> segments) {
        this.files = files;
        this.segments = segments;
    }

    /** Maps every numbered segment (Prometheus ignores other names) and checks its header. */
    static ChunkSegmentReader open(Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(directory)) {
            list.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .sorted(Comparator.comparing((Path p) -> Long.parseLong(p.getFileName().toString())))
                    .forEach(files::add);
        }
        List<ByteBuffer> segments = new ArrayList<>(files.size());
        for (Path file : files) {
            ByteBuffer segment = MappedFile.map(file);
            if (segment.capacity() < ChunkSegmentWriter.HEADER_SIZE) {
                throw new CorruptBlockException(file, "shorter (" + segment.capacity() + " bytes) than a segment header");
            }
            if (segment.getInt(0) != ChunkSegmentWriter.MAGIC) {
                throw new CorruptBlockException(file, String.format("bad magic number %08x, expected %08x",
                        segment.getInt(0), ChunkSegmentWriter.MAGIC));
            }
            if ((segment.get(4) & 0xff) != ChunkSegmentWriter.FORMAT_VERSION) {
                throw new CorruptBlockException(file, "unsupported chunk segment version " + (segment.get(4) & 0xff));
            }
            segments.add(segment);
        }
        return new ChunkSegmentReader(List.copyOf(files), List.copyOf(segments));
    }

    RawChunk read(long ref) {
        int index = (int) (ref >>> 32);
        long offset = ref & 0xffffffffL;
        if (index >= segments.size()) {
            throw new CorruptBlockException(files.isEmpty() ? Path.of("chunks") : files.get(0).getParent(),
                    "chunk reference " + Long.toHexString(ref) + " names segment " + (index + 1) + " of "
                            + segments.size());
        }
        ByteBuffer segment = segments.get(index);
        Path file = files.get(index);
        if (offset < ChunkSegmentWriter.HEADER_SIZE || offset >= segment.capacity()) {
            throw new CorruptBlockException(file, "chunk offset " + offset + " lies outside the segment ("
                    + segment.capacity() + " bytes)");
        }
        Decoder length = new Decoder(segment, file, (int) offset, segment.capacity());
        int dataLength = length.uvarintInt();
        Decoder d = Decoder.checked(segment, file, length.position(), 1L + dataLength, "chunk");
        byte encoding = (byte) d.byteValue();
        return new RawChunk(encoding, d.bytes(dataLength));
    }
}
