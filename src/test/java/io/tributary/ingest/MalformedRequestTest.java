package io.tributary.ingest;

import static io.tributary.testing.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.tributary.distributor.RecordFormat;

/** Undecodable bodies are rejected whole with MalformedRequestException, and never with anything else. */
class MalformedRequestTest {

    private static final WriteRequestProcessor V1 = new WriteRequestProcessor(ValidationLimits.defaults(),
            new RecordFormat(1, 4096));
    private static final WriteRequestProcessor V2 = new WriteRequestProcessor(ValidationLimits.defaults(),
            new RecordFormat(2, 4096));

    private static void assertMalformed(byte[] body, RemoteWriteVersion version, String reason) {
        assertThatThrownBy(() -> V1.process("team-a", body, body.length, version, 3, NOW))
                .isInstanceOf(MalformedRequestException.class)
                .extracting(e -> ((MalformedRequestException) e).reason()).isEqualTo(reason);
    }

    @ParameterizedTest
    @EnumSource(RemoteWriteVersion.class)
    void truncatedVarintIsMalformed(RemoteWriteVersion version) {
        assertMalformed(new byte[] {(byte) 0x80}, version, "truncated");
    }

    @ParameterizedTest
    @EnumSource(RemoteWriteVersion.class)
    void lengthBeyondTheBodyIsMalformed(RemoteWriteVersion version) {
        // field 1 (RW1 series) / field 4 (RW2 symbols) claiming 2^31 bytes
        byte tag = (byte) (version == RemoteWriteVersion.V1 ? 0x0a : 0x22);
        assertMalformed(new byte[] {tag, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07}, version,
                "invalid-length");
    }

    @Test
    void seriesFieldWithVarintWireTypeIsMalformed() {
        assertMalformed(new byte[] {0x08, 0x01}, RemoteWriteVersion.V1, "invalid-wire-type");
    }

    @Test
    void labelWithFixed64NameIsMalformed() {
        // TimeSeries{ Label{ name: fixed64 } }
        assertMalformed(new byte[] {0x0a, 0x0b, 0x0a, 0x09, 0x09, 0, 0, 0, 0, 0, 0, 0, 0}, RemoteWriteVersion.V1,
                "invalid-wire-type");
    }

    @Test
    void fieldNumberZeroIsMalformed() {
        assertMalformed(new byte[] {0x02, 0x00}, RemoteWriteVersion.V1, "invalid-tag");
    }

    @Test
    void groupWireTypeIsMalformed() {
        assertMalformed(new byte[] {0x0b}, RemoteWriteVersion.V1, "invalid-wire-type");
    }

    @Test
    void randomBytesAndMutatedRequestsGiveOnlySuccessOrMalformedRequest() {
        Random random = new Random(20260101L);
        byte[] rw1 = RoundTripTest.richRequest(12).toByteArray();
        byte[] rw2 = RoundTripTest.asRw2(RoundTripTest.richRequest(12)).toByteArray();
        for (int i = 0; i < 6000; i++) {
            boolean useRw2 = (i & 1) == 1;
            byte[] body = mutate(random, useRw2 ? rw2 : rw1, i);
            RemoteWriteVersion version = useRw2 ? RemoteWriteVersion.V2 : RemoteWriteVersion.V1;
            WriteRequestProcessor p = (i & 2) == 0 ? V1 : V2;
            try {
                p.process("team-a", body, body.length, version, 1 + (i % 5), NOW);
            } catch (MalformedRequestException expected) {
                // the only allowed failure
            } catch (RuntimeException | Error e) {
                fail("iteration " + i + " threw " + e, e);
            }
        }
    }

    private static byte[] mutate(Random random, byte[] valid, int i) {
        switch (i % 4) {
            case 0 -> {
                byte[] garbage = new byte[random.nextInt(200)];
                random.nextBytes(garbage);
                return garbage;
            }
            case 1 -> {
                return java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
            }
            default -> {
                byte[] b = valid.clone();
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                return b;
            }
        }
    }
}
