package io.tributary.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Streams a STREAMED_XOR_CHUNKS remote-read answer: {@code prometheus.ChunkedReadResponse} messages, each framed
 * as a uvarint message length, the CRC-32C (Castagnoli) of the message as four big-endian bytes, then the
 * message. As in Prometheus, a frame holds chunks of one series only; a series whose chunks exceed the frame
 * budget continues in the next frame, and a frame may overshoot the budget by at most one chunk.
 *
 * <p>Only one frame is held in memory at a time. Not thread safe: one writer per response.
 */
public final class ChunkedReadWriter {

    /** Prometheus's default {@code remote_read_max_bytes_in_frame}. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 20;

    private final OutputStream out;
    private final int maxFrameBytes;
    private final ProtoWriter message = new ProtoWriter(64 << 10);
    private final byte[] header = new byte[10 + 4];
    private final CRC32C crc = new CRC32C();
    private long frames;

    public ChunkedReadWriter(OutputStream out, int maxFrameBytes) {
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes must be positive, got " + maxFrameBytes);
        }
        this.out = out;
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Writes the chunks of one series of query {@code queryIndex} as one or more frames; nothing for a series
     * without chunks. Series must come in the order the client should see them (sorted by labels).
     */
    public void writeSeries(long queryIndex, List<Label> labels, List<Chunk> chunks) throws IOException {
        EncodedLabels encoded = new EncodedLabels(labels);
        // Prometheus's budget: the frame size less the label messages, then less each chunk message as it is added.
        int maxDataBytes = maxFrameBytes;
        for (int i = 0; i < encoded.count(); i++) {
            maxDataBytes -= encoded.messageSize(i);
        }
        int bytesLeft = maxDataBytes;
        int first = 0;
        for (int i = 0; i < chunks.size(); i++) {
            bytesLeft -= chunks.get(i).messageSize();
            if (bytesLeft > 0 && i + 1 < chunks.size()) {
                continue;
            }
            writeFrame(queryIndex, encoded, chunks.subList(first, i + 1));
            first = i + 1;
            bytesLeft = maxDataBytes;
        }
    }

    /** The number of frames written so far. */
    public long frames() {
        return frames;
    }

    private void writeFrame(long queryIndex, EncodedLabels labels, List<Chunk> chunks) throws IOException {
        int seriesSize = labels.fieldsSize(1);
        for (Chunk chunk : chunks) {
            seriesSize += ProtoWriter.lenFieldSize(2, chunk.messageSize());
        }
        message.reset();
        message.writeTag(1, WireType.LEN);
        message.writeVarint(seriesSize);
        labels.write(message, 1);
        for (Chunk chunk : chunks) {
            message.writeTag(2, WireType.LEN);
            message.writeVarint(chunk.messageSize());
            chunk.writeTo(message);
        }
        if (queryIndex != 0) {
            message.writeTag(2, WireType.VARINT);
            message.writeVarint(queryIndex);
        }
        int length = message.size();
        crc.reset();
        crc.update(message.buffer(), 0, length);
        int checksum = (int) crc.getValue();
        int p = 0;
        long v = length;
        while ((v & ~0x7FL) != 0) {
            header[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        header[p++] = (byte) v;
        header[p++] = (byte) (checksum >>> 24);
        header[p++] = (byte) (checksum >>> 16);
        header[p++] = (byte) (checksum >>> 8);
        header[p++] = (byte) checksum;
        out.write(header, 0, p);
        out.write(message.buffer(), 0, length);
        frames++;
    }
}
