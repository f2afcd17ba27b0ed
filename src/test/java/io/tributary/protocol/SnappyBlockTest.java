package io.tributary.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

class SnappyBlockTest {

    private static final byte[] BODY = "up{job=\"node\"} 1".repeat(100).getBytes(StandardCharsets.UTF_8);

    @Test
    void decompressesASnappyBlock() throws Exception {
        byte[] compressed = Snappy.compress(BODY);

        assertThat(SnappyBlock.decompress(compressed, compressed.length, BODY.length)).isEqualTo(BODY);
    }

    @Test
    void declaredSizeAboveTheLimitFailsBeforeDecompressing() throws Exception {
        byte[] compressed = Snappy.compress(BODY);

        assertThatThrownBy(() -> SnappyBlock.decompress(compressed, compressed.length, BODY.length - 1))
                .isInstanceOf(SnappyLimitExceededException.class);
    }

    @Test
    void corruptInputIsCorruptSnappy() throws Exception {
        byte[] compressed = Snappy.compress(BODY);
        compressed[compressed.length / 2] ^= 0x5a;
        byte[] garbage = {0x10, (byte) 0xff, (byte) 0xff, 0x01, 0x02};

        assertThatThrownBy(() -> SnappyBlock.decompress(garbage, garbage.length, 1 << 20))
                .isInstanceOf(CorruptSnappyException.class);
        assertThatThrownBy(() -> SnappyBlock.decompress(new byte[0], 0, 1 << 20))
                .isInstanceOf(CorruptSnappyException.class);
    }
}
