package io.tributary.storage.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.storage.LabelMatcher;
import io.tributary.storage.Labels;
import io.tributary.storage.SeriesChunks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged block files are reported as corrupt, naming the file and the part that failed. */
class CorruptBlockTest {
    static final long START = BlockRoundTripTest.BLOCK_START;

    @TempDir
    Path dir;

    private Path block;

    @BeforeEach
    void writeBlock() throws IOException {
        List<SeriesChunks> series = List.of(
                Samples.series(Labels.of("__name__", "up", "job", "api"), Samples.regular(START, 15_000, 200, i -> 1)),
                Samples.series(Labels.of("__name__", "up", "job", "db"), Samples.regular(START, 15_000, 200, i -> 0)));
        BlockMeta meta = new BlockWriter(dir).write(ULID.generate(START), START, START + 7_200_000, Map.of(), series);
        block = dir.resolve(meta.ulid().toString());
    }

    @Test
    void aDamagedSymbolTableFailsTheOpen() throws IOException {
        flipByte(block.resolve("index"), 12); // inside the first symbol
        assertThatThrownBy(() -> BlockReader.open(block))
                .isInstanceOf(CorruptBlockException.class)
                .hasMessageContaining(block.resolve("index").toString())
                .hasMessageContaining("symbol table at offset 9 fails its CRC32C check")
                .satisfies(e -> assertThat(((CorruptBlockException) e).file()).isEqualTo(block.resolve("index")));
    }

    @Test
    void aDamagedTocFailsTheOpen() throws IOException {
        Path index = block.resolve("index");
        flipByte(index, (int) Files.size(index) - 10);
        assertThatThrownBy(() -> BlockReader.open(block))
                .isInstanceOf(CorruptBlockException.class).hasMessageContaining("TOC");
    }

    @Test
    void aDamagedSeriesEntryFailsTheQueryThatReadsIt() throws IOException {
        int second = IndexReader.open(block.resolve("index")).allPostings()[1];
        flipByte(block.resolve("index"), second * 16 + 3); // inside the second series' labels
        try (BlockReader reader = BlockReader.open(block)) {
            assertThat(reader.select(START, START + 7_199_999, List.of(LabelMatcher.equal("job", "api"))))
                    .hasSize(1);
            assertThatThrownBy(() -> reader.select(START, START + 7_199_999, List.of()))
                    .isInstanceOf(CorruptBlockException.class)
                    .hasMessageContaining(block.resolve("index").toString())
                    .hasMessageContaining("series " + second + " at offset " + (second * 16 + 1));
        }
    }

    @Test
    void aDamagedChunkFailsTheQueryThatReadsIt() throws IOException {
        Path segment = block.resolve("chunks/000001");
        flipByte(segment, 20);
        try (BlockReader reader = BlockReader.open(block)) {
            assertThatThrownBy(() -> reader.select(START, START, List.of(LabelMatcher.equal("job", "api"))))
                    .isInstanceOf(CorruptBlockException.class)
                    .hasMessageContaining(segment.toString())
                    .hasMessageContaining("chunk at offset 9 fails its CRC32C check");
        }
    }

    @Test
    void aSegmentWithTheWrongMagicFailsTheOpen() throws IOException {
        flipByte(block.resolve("chunks/000001"), 0);
        assertThatThrownBy(() -> BlockReader.open(block))
                .isInstanceOf(CorruptBlockException.class)
                .hasMessageContaining("chunks/000001").hasMessageContaining("bad magic number");
    }

    @Test
    void anUnknownMetaVersionFailsTheOpen() throws IOException {
        Path meta = block.resolve("meta.json");
        Files.writeString(meta, Files.readString(meta).replace("\"version\" : 1,", "\"version\" : 2,"));
        assertThatThrownBy(() -> BlockReader.open(block))
                .isInstanceOf(CorruptBlockException.class)
                .hasMessageContaining("meta.json").hasMessageContaining("unsupported meta.json version 2");
    }

    @Test
    void aBlockWithDeletionsIsRefusedRatherThanReadWithoutThem() throws IOException {
        // One interval (series 3, [0, 1000]): uvarint 3, varint 0, varint 1000, then the CRC of those bytes.
        byte[] stones = {3, 0, (byte) 0xD0, 0x0F};
        CRC32C crc = new CRC32C();
        crc.update(stones);
        ByteBuffer file = ByteBuffer.allocate(5 + stones.length + 4);
        file.putInt(0x0130BA30).put((byte) 1).put(stones).putInt((int) crc.getValue());
        Files.write(block.resolve("tombstones"), file.array());
        assertThatThrownBy(() -> BlockReader.open(block))
                .isInstanceOf(CorruptBlockException.class).hasMessageContaining("1 deleted intervals");
    }

    private static void flipByte(Path file, int offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[offset] ^= 0x40;
        Files.write(file, bytes);
    }
}
