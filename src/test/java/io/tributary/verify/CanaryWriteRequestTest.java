package io.tributary.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.SnappyBlock;
import io.tributary.testproto.rw1.WriteRequest;
import org.junit.jupiter.api.Test;

class CanaryWriteRequestTest {

    @Test
    void the_canary_is_a_remote_write_1_request_that_protobuf_reads_back() throws Exception {
        byte[] compressed = CanaryWriteRequest.compressed("tributary_verify_canary", "ingester-zone-a-7",
                1_763_800_000_123L, 424242);
        byte[] raw = SnappyBlock.decompress(compressed, compressed.length, 1 << 20);
        WriteRequest request = WriteRequest.parseFrom(raw);

        assertThat(request.getTimeseriesCount()).isEqualTo(1);
        assertThat(request.getTimeseries(0).getLabelsList()).extracting(l -> l.getName() + "=" + l.getValue())
                .containsExactly("__name__=tributary_verify_canary", "instance=ingester-zone-a-7");
        assertThat(request.getTimeseries(0).getSamples(0).getTimestamp()).isEqualTo(1_763_800_000_123L);
        assertThat(request.getTimeseries(0).getSamples(0).getValue()).isEqualTo(424242.0);
    }
}
