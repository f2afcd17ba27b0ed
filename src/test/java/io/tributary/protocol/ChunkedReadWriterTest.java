package io.tributary.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.tributary.testing.ChunkedFrames;
import io.tributary.testproto.read.ChunkedReadResponse;
import io.tributary.testproto.read.ChunkedSeries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The STREAMED_XOR_CHUNKS framing: uvarint length, big-endian CRC-32C of the message, then a ChunkedReadResponse
 * byte for byte as protobuf-java encodes it. CRCs are checked with a bitwise reference implementation.
 */
class ChunkedReadWriterTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final List<Label> API = List.of(new Label("__name__", "http_requests_total"),
            new Label("instance", "10.0.0.7:8080"), new Label("job", "api"));

    @Test
    void theReferenceCrcIsCastagnoli() {
        assertThat(ChunkedFrames.crc32c("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xE3069283);
    }

    @Test
    void oneSeriesIsOneFrameWithItsQueryIndex() throws IOException {
        List<Chunk> chunks = List.of(chunk(NOW - 1_800_000, NOW - 15_000, 40), chunk(NOW, NOW + 1_785_000, 90));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ChunkedReadWriter writer = new ChunkedReadWriter(out, ChunkedReadWriter.DEFAULT_MAX_FRAME_BYTES);
        writer.writeSeries(2, API, chunks);

        List<byte[]> frames = ChunkedFrames.messages(out.toByteArray());
        assertThat(frames).hasSize(1);
        assertThat(writer.frames()).isEqualTo(1);
        assertThat(frames.get(0)).isEqualTo(oracle(2, API, chunks).toByteArray());
    }

    @Test
    void theFirstQueryOmitsItsZeroIndexAndTheHeaderIsLengthThenBigEndianCrc() throws IOException {
        List<Label> up = List.of(new Label("__name__", "up"));
        List<Chunk> chunks = List.of(new Chunk(1000, 3000, 1, new byte[] {0, 3, 1, 2, 3}));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new ChunkedReadWriter(out, ChunkedReadWriter.DEFAULT_MAX_FRAME_BYTES).writeSeries(0, up, chunks);

        byte[] message = oracle(0, up, chunks).toByteArray();
        int crc = ChunkedFrames.crc32c(message);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(message.length); // < 128: one varint byte
        expected.writeBytes(new byte[] {(byte) (crc >>> 24), (byte) (crc >>> 16), (byte) (crc >>> 8), (byte) crc});
        expected.writeBytes(message);
        assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void aSeriesLargerThanTheFrameBudgetIsSplitAsPrometheusSplitsIt() throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            chunks.add(chunk(NOW + i * 1_800_000L, NOW + i * 1_800_000L + 1_785_000, 300));
        }
        int labelBytes = API.stream().mapToInt(l -> oracleLabel(l).getSerializedSize()).sum();
        int chunkBytes = oracleChunk(chunks.get(0)).getSerializedSize();
        // Budget for 2.5 chunks: Prometheus adds chunks while budget remains, so each frame overshoots to 3.
        int maxFrameBytes = labelBytes + chunkBytes * 5 / 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ChunkedReadWriter writer = new ChunkedReadWriter(out, maxFrameBytes);
        writer.writeSeries(1, API, chunks);

        List<byte[]> frames = ChunkedFrames.messages(out.toByteArray());
        assertThat(frames).containsExactly(
                oracle(1, API, chunks.subList(0, 3)).toByteArray(),
                oracle(1, API, chunks.subList(3, 6)).toByteArray(),
                oracle(1, API, chunks.subList(6, 9)).toByteArray(),
                oracle(1, API, chunks.subList(9, 10)).toByteArray());
        assertThat(writer.frames()).isEqualTo(4);
    }

    @Test
    void aSeriesWithoutChunksWritesNothing() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new ChunkedReadWriter(out, ChunkedReadWriter.DEFAULT_MAX_FRAME_BYTES).writeSeries(0, API, List.of());

        assertThat(out.size()).isZero();
    }

    @Test
    void framesLargerThan127BytesHaveMultiByteLengthsAndSeriesFollowOneAnother() throws IOException {
        List<Label> db = List.of(new Label("__name__", "pg_stat_activity_count"), new Label("datname", "orders"),
                new Label("state", "idle in transaction"));
        List<Chunk> apiChunks = List.of(chunk(-30_000, -15_000, 200), chunk(0, 15_000, 20_000));
        List<Chunk> dbChunks = List.of(chunk(NOW, NOW, 2));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ChunkedReadWriter writer = new ChunkedReadWriter(out, ChunkedReadWriter.DEFAULT_MAX_FRAME_BYTES);
        writer.writeSeries(0, API, apiChunks);
        writer.writeSeries(0, db, dbChunks);

        assertThat(ChunkedFrames.messages(out.toByteArray())).containsExactly(oracle(0, API, apiChunks).toByteArray(),
                oracle(0, db, dbChunks).toByteArray());
    }

    private static Chunk chunk(long minTime, long maxTime, int dataBytes) {
        byte[] data = new byte[dataBytes];
        for (int i = 0; i < dataBytes; i++) {
            data[i] = (byte) (i * 31 + minTime);
        }
        return new Chunk(minTime, maxTime, 1, data);
    }

    static ChunkedReadResponse oracle(long queryIndex, List<Label> labels, List<Chunk> chunks) {
        ChunkedSeries.Builder series = ChunkedSeries.newBuilder();
        labels.forEach(l -> series.addLabels(oracleLabel(l)));
        chunks.forEach(c -> series.addChunks(oracleChunk(c)));
        return ChunkedReadResponse.newBuilder().addChunkedSeries(series).setQueryIndex(queryIndex).build();
    }

    private static io.tributary.testproto.rw1.Label oracleLabel(Label label) {
        return io.tributary.testproto.rw1.Label.newBuilder().setName(label.name()).setValue(label.value()).build();
    }

    private static io.tributary.testproto.read.Chunk oracleChunk(Chunk chunk) {
        return io.tributary.testproto.read.Chunk.newBuilder().setMinTimeMs(chunk.minTimeMs())
                .setMaxTimeMs(chunk.maxTimeMs()).setTypeValue(chunk.encoding())
                .setData(ByteString.copyFrom(chunk.data())).build();
    }
}
