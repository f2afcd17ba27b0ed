package io.tributary.testing;

import io.tributary.testproto.read.ChunkedReadResponse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a STREAMED_XOR_CHUNKS body the way Prometheus's ChunkedReader does (uvarint length, big-endian CRC-32C,
 * message), checking each CRC with a bitwise reference implementation independent of java.util.zip.CRC32C.
 */
public final class ChunkedFrames {

    private ChunkedFrames() {
    }

    /** The frame messages of a stream; fails on a truncated frame or a CRC mismatch. */
    public static List<byte[]> messages(byte[] stream) {
        List<byte[]> frames = new ArrayList<>();
        int p = 0;
        while (p < stream.length) {
            long length = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = stream[p++];
                length |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    break;
                }
            }
            if (p + 4 + length > stream.length) {
                throw new AssertionError("frame " + frames.size() + " is truncated");
            }
            int crc = ((stream[p] & 0xff) << 24) | ((stream[p + 1] & 0xff) << 16) | ((stream[p + 2] & 0xff) << 8)
                    | (stream[p + 3] & 0xff);
            p += 4;
            byte[] message = Arrays.copyOfRange(stream, p, p + (int) length);
            p += (int) length;
            if (crc32c(message) != crc) {
                throw new AssertionError("frame " + frames.size() + ": CRC mismatch");
            }
            frames.add(message);
        }
        return frames;
    }

    /** The frames parsed with the protobuf-java oracle. */
    public static List<ChunkedReadResponse> parse(byte[] stream) {
        List<ChunkedReadResponse> out = new ArrayList<>();
        for (byte[] message : messages(stream)) {
            try {
                out.add(ChunkedReadResponse.parseFrom(message));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    /** CRC-32C bit by bit (reflected polynomial 0x82F63B78). */
    public static int crc32c(byte[] data) {
        int crc = 0xFFFFFFFF;
        for (byte b : data) {
            crc ^= b & 0xff;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
            }
        }
        return ~crc;
    }
}
