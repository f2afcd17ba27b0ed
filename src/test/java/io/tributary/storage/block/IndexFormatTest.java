package io.tributary.storage.block;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.storage.Labels;
import io.tributary.storage.SeriesChunks;
import io.tributary.storage.XorChunk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Byte-level checks against Prometheus's format documents (tsdb/docs/format/index.md, chunks.md, tombstones.md),
 * with the expected bytes assembled here by hand from the documents rather than by the writer's own encoder.
 */
class IndexFormatTest {
    @TempDir
    Path dir;

    @Test
    void indexOfOneSeriesMatchesTheDocumentedLayoutByteForByte() throws IOException {
        Path block = writeOneSeries();
        byte[] actual = Files.readAllBytes(block.resolve("index"));

        Golden g = new Golden();
        g.hex("BAAAD700 02"); // magic, index format version 2

        // Symbol table at 5: len, #symbols, then uvarint-length-prefixed strings in byte order, CRC over len bytes.
        int symbols = g.size();
        g.hex("00000018");
        int crcFrom = g.size();
        g.hex("00000004").str("__name__").str("api").str("job").str("up").crc(crcFrom);
        assertThat(g.size()).isEqualTo(37);

        // Series start on 16-byte boundaries; the first is at 48, so its ID is 3.
        int seriesStart = g.size();
        g.zeros(11);
        // len 11 | 2 labels: (0 "__name__", 3 "up"), (2 "job", 1 "api") | 1 chunk: mint varint(1000) = zigzag 2000,
        // maxt - mint uvarint(1000), ref uvarint(8: segment 0, offset 8 after the header) | CRC over the 11 bytes.
        g.hex("0B");
        crcFrom = g.size();
        g.hex("02 0003 0201 01 D00F E807 08").crc(crcFrom);
        assertThat(g.size()).isEqualTo(64);

        // Label indices (one per name, values as symbol references), 4-byte aligned.
        int labelIndices = g.size();
        g.hex("0000000C");
        crcFrom = g.size();
        g.hex("00000001 00000001 00000003").crc(crcFrom); // __name__: "up"
        g.hex("0000000C");
        crcFrom = g.size();
        g.hex("00000001 00000001 00000001").crc(crcFrom); // job: "api"

        // Postings: the all-series list first, then one per label pair in order; entries are series IDs.
        int postings = g.size();
        for (int list = 0; list < 3; list++) {
            g.hex("00000008");
            crcFrom = g.size();
            g.hex("00000001 00000003").crc(crcFrom);
        }
        assertThat(postings).isEqualTo(104);

        // Label offset table: (n = 1, name, offset of its label index).
        int labelOffsetTable = g.size();
        g.hex("00000015");
        crcFrom = g.size();
        g.hex("00000002").hex("01").str("__name__").hex("40").hex("01").str("job").hex("54").crc(crcFrom);

        // Postings offset table: (n = 2, name, value, offset of the postings list), starting with the empty pair.
        int postingsOffsetTable = g.size();
        g.hex("00000021");
        crcFrom = g.size();
        g.hex("00000003").hex("02").str("").str("").hex("68")
                .hex("02").str("__name__").str("up").hex("78")
                .hex("02").str("job").str("api").hex("8801").crc(crcFrom);

        // TOC: six 8-byte section offsets and their CRC, ending the file.
        crcFrom = g.size();
        g.be64(symbols).be64(seriesStart).be64(labelIndices).be64(labelOffsetTable).be64(postings)
                .be64(postingsOffsetTable).crc(crcFrom);

        assertThat(HexFormat.of().formatHex(actual)).isEqualTo(HexFormat.of().formatHex(g.bytes()));
    }

    @Test
    void chunkSegmentHasTheDocumentedHeaderAndChunkFraming() throws IOException {
        Path block = writeOneSeries();
        byte[] segment = Files.readAllBytes(block.resolve("chunks/000001"));
        XorChunk chunk = upChunk();
        byte[] data = chunk.toStored().data();

        Golden g = new Golden();
        g.hex("85BD40DD 01 000000"); // magic, version 1, 3 bytes of padding
        g.uvarint(data.length);
        int crcFrom = g.size();
        g.hex("01").raw(data).crc(crcFrom); // XOR encoding, data, CRC over encoding and data
        assertThat(segment).isEqualTo(g.bytes());
    }

    @Test
    void tombstonesFileIsEmptyWithItsChecksum() throws IOException {
        Path block = writeOneSeries();
        assertThat(HexFormat.of().formatHex(Files.readAllBytes(block.resolve("tombstones"))))
                .isEqualTo("0130ba300100000000");
    }

    @Test
    void metaJsonUsesPrometheusAndThanosFieldNames() throws IOException {
        Path block = writeOneSeries();
        String json = Files.readString(block.resolve("meta.json"));
        JsonNode root = JsonMapper.shared().readTree(json);
        assertThat(root.path("ulid").asString()).isEqualTo(block.getFileName().toString());
        assertThat(root.path("minTime").asLong()).isZero();
        assertThat(root.path("maxTime").asLong()).isEqualTo(7_200_000);
        assertThat(root.path("version").asInt()).isEqualTo(1);
        assertThat(root.path("stats").path("numSamples").asLong()).isEqualTo(2);
        assertThat(root.path("stats").path("numSeries").asLong()).isEqualTo(1);
        assertThat(root.path("stats").path("numChunks").asLong()).isEqualTo(1);
        assertThat(root.path("compaction").path("level").asInt()).isEqualTo(1);
        assertThat(root.path("compaction").path("sources").get(0).asString()).isEqualTo(root.path("ulid").asString());
        JsonNode thanos = root.path("thanos");
        assertThat(thanos.path("labels").path("__org_id__").asString()).isEqualTo("tenant-b");
        assertThat(thanos.path("downsample").path("resolution").asLong()).isZero();
        assertThat(thanos.path("source").asString()).isEqualTo("receive");
        assertThat(thanos.path("files").get(0).path("rel_path").asString()).isEqualTo("chunks/000001");
        assertThat(thanos.path("files").get(1).path("size_bytes").asLong())
                .isEqualTo(Files.size(block.resolve("index")));
        assertThat(thanos.path("files").get(2).has("size_bytes")).isFalse();
    }

    private Path writeOneSeries() throws IOException {
        SeriesChunks up = new SeriesChunks(Labels.of("__name__", "up", "job", "api"), List.of(upChunk().toStored()));
        BlockMeta meta = new BlockWriter(dir).write(ULID.derive(0, "golden"), 0, 7_200_000,
                BlockWriter.tenantLabels("tenant-b"), List.of(up));
        return dir.resolve(meta.ulid().toString());
    }

    private static XorChunk upChunk() {
        XorChunk chunk = new XorChunk();
        chunk.append(1000, Double.doubleToRawLongBits(1));
        chunk.append(2000, Double.doubleToRawLongBits(1));
        return chunk;
    }

    /** Expected file bytes, assembled field by field. */
    private static final class Golden {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Golden hex(String hex) {
            raw(HexFormat.of().parseHex(hex.replace(" ", "")));
            return this;
        }

        Golden raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        Golden str(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            uvarint(utf8.length);
            return raw(utf8);
        }

        Golden uvarint(long v) {
            while (v >= 0x80) {
                out.write((int) (v & 0x7f) | 0x80);
                v >>>= 7;
            }
            out.write((int) v);
            return this;
        }

        Golden zeros(int n) {
            return raw(new byte[n]);
        }

        Golden be64(long v) {
            return raw(ByteBuffer.allocate(8).putLong(v).array());
        }

        Golden crc(int from) {
            byte[] all = out.toByteArray();
            CRC32C crc = new CRC32C();
            crc.update(all, from, all.length - from);
            return raw(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        }

        int size() {
            return out.size();
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

}
