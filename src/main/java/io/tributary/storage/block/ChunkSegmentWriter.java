package io.tributary.storage.block;

import io.tributary.storage.StoredChunk;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the {@code chunks/} directory of a block: numbered segment files ({@code 000001}, ...), each an 8-byte
 * header then chunks as {@code uvarint(len(data)) | encoding | data | CRC32C(encoding, data)}. A chunk's reference
 * is its segment's index (from 0) in the upper 32 bits and its byte offset in the lower 32.
 */
final class ChunkSegmentWriter {
    static final int MAGIC = 0x85BD40DD;
    static final int FORMAT_VERSION = 1;
    static final int HEADER_SIZE = 8;

    private final Path directory;
    private final long segmentSize;
    private final List<Path> segments = new ArrayList<>();
    private final EncodingBuffer buffer = new EncodingBuffer(1024);
    private FileChannel channel;
    private OutputStream out;
    private long position;
    private boolean empty = true;

    ChunkSegmentWriter(Path directory, long segmentSize) {
        if (segmentSize <= HEADER_SIZE || segmentSize > 0xffffffffL) {
            throw new IllegalArgumentException("chunk segment size must be between " + (HEADER_SIZE + 1)
                    + " bytes and 4 GiB (offsets are 32-bit), got " + segmentSize);
        }
        this.directory = directory;
        this.segmentSize = segmentSize;
    }

    /** Appends one chunk and returns its reference for the index. */
    long write(StoredChunk chunk) throws IOException {
        buffer.reset();
        buffer.putUvarint(chunk.data().length);
        int encodingAt = buffer.length();
        buffer.putByte(chunk.encoding());
        buffer.putBytes(chunk.data());
        buffer.putCrc32c(encodingAt);
        // A chunk never spans segments; an oversized chunk gets a segment of its own.
        if (out == null || (!empty && position + buffer.length() > segmentSize)) {
            cut();
        }
        if (position > 0xffffffffL) {
            throw new IOException("chunk offset " + position + " in " + segments.get(segments.size() - 1)
                    + " does not fit the 32 bits of a chunk reference");
        }
        long ref = ((long) (segments.size() - 1) << 32) | position;
        buffer.writeTo(out);
        position += buffer.length();
        empty = false;
        return ref;
    }

    /** Flushes and fsyncs the last segment; returns every segment written, in order. */
    List<Path> finish() throws IOException {
        finishSegment();
        return List.copyOf(segments);
    }

    /** Closes any open segment without syncing, after a failure. */
    void abort() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // The temporary directory is being deleted anyway.
        }
    }

    private void cut() throws IOException {
        finishSegment();
        Path file = directory.resolve(String.format("%06d", segments.size() + 1));
        channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 20);
        segments.add(file);
        EncodingBuffer header = new EncodingBuffer(HEADER_SIZE);
        header.putBE32(MAGIC).putByte(FORMAT_VERSION).putByte(0).putByte(0).putByte(0);
        header.writeTo(out);
        position = HEADER_SIZE;
        empty = true;
    }

    private void finishSegment() throws IOException {
        if (out != null) {
            out.flush();
            channel.force(true);
            channel.close();
            out = null;
            channel = null;
        }
    }
}
