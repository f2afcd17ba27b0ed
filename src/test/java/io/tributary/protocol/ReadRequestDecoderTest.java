package io.tributary.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.testproto.read.LabelMatcher;
import io.tributary.testproto.read.Query;
import io.tributary.testproto.read.ReadHints;
import io.tributary.testproto.read.ReadRequest;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written ReadRequest decoder against requests encoded by protobuf-java from the remote-read proto. */
class ReadRequestDecoderTest {

    private static final long HOUR_AGO = 1_700_000_000_000L - 3_600_000;
    private static final long NOW = 1_700_000_000_000L;

    @Test
    void decodesQueriesWithEveryMatcherTypeAndTheAcceptedResponseTypesInOrder() {
        ReadRequest request = ReadRequest.newBuilder()
                .addQueries(Query.newBuilder().setStartTimestampMs(HOUR_AGO).setEndTimestampMs(NOW)
                        .addMatchers(matcher(LabelMatcher.Type.EQ, "__name__", "http_requests_total"))
                        .addMatchers(matcher(LabelMatcher.Type.NEQ, "job", "batch"))
                        .addMatchers(matcher(LabelMatcher.Type.RE, "instance", "10\\.0\\.0\\..*"))
                        .addMatchers(matcher(LabelMatcher.Type.NRE, "path", "/debug/.*")))
                .addQueries(Query.newBuilder().setStartTimestampMs(NOW - 60_000).setEndTimestampMs(NOW)
                        .addMatchers(matcher(LabelMatcher.Type.EQ, "__name__", "up")))
                .addAcceptedResponseTypes(ReadRequest.ResponseType.STREAMED_XOR_CHUNKS)
                .addAcceptedResponseTypes(ReadRequest.ResponseType.SAMPLES)
                .build();

        ReadRequestMessage decoded = decode(request.toByteArray());

        assertThat(decoded.queries()).containsExactly(
                new ReadQuery(HOUR_AGO, NOW, List.of(
                        new MatcherSpec(MatcherSpec.Type.EQ, "__name__", "http_requests_total"),
                        new MatcherSpec(MatcherSpec.Type.NEQ, "job", "batch"),
                        new MatcherSpec(MatcherSpec.Type.RE, "instance", "10\\.0\\.0\\..*"),
                        new MatcherSpec(MatcherSpec.Type.NRE, "path", "/debug/.*")), null),
                new ReadQuery(NOW - 60_000, NOW, List.of(new MatcherSpec(MatcherSpec.Type.EQ, "__name__", "up")),
                        null));
        assertThat(decoded.acceptedResponseTypes()).containsExactly(1, 0);
        assertThat(ResponseType.negotiate(decoded.acceptedResponseTypes())).contains(ResponseType.STREAMED_XOR_CHUNKS);
    }

    @Test
    void hintsAreDecodedAndDoNotDisturbTheQuery() {
        ReadRequest request = ReadRequest.newBuilder()
                .addQueries(Query.newBuilder().setStartTimestampMs(HOUR_AGO).setEndTimestampMs(NOW)
                        .setHints(ReadHints.newBuilder().setStepMs(15_000).setFunc("rate").setStartMs(HOUR_AGO)
                                .setEndMs(NOW).addGrouping("job").addGrouping("instance").setBy(true)
                                .setRangeMs(300_000))
                        .addMatchers(matcher(LabelMatcher.Type.EQ, "__name__", "node_cpu_seconds_total")))
                .build();

        ReadQuery query = decode(request.toByteArray()).queries().get(0);

        assertThat(query.hints()).isEqualTo(new io.tributary.protocol.ReadHints(15_000, "rate", HOUR_AGO, NOW,
                List.of("job", "instance"), true, 300_000));
        assertThat(query.matchers()).containsExactly(
                new MatcherSpec(MatcherSpec.Type.EQ, "__name__", "node_cpu_seconds_total"));
    }

    @Test
    void timestampsBeforeTheEpochAreTenByteVarintsAndDecodeAsNegative() {
        ReadRequest request = ReadRequest.newBuilder()
                .addQueries(Query.newBuilder().setStartTimestampMs(-86_400_000L).setEndTimestampMs(-1)
                        .addMatchers(matcher(LabelMatcher.Type.EQ, "__name__", "up")))
                .build();

        ReadQuery query = decode(request.toByteArray()).queries().get(0);

        assertThat(query.startMs()).isEqualTo(-86_400_000L);
        assertThat(query.endMs()).isEqualTo(-1);
    }

    @Test
    void aRequestWithoutAcceptedTypesNegotiatesSamples() {
        ReadRequest request = ReadRequest.newBuilder()
                .addQueries(Query.newBuilder().addMatchers(matcher(LabelMatcher.Type.EQ, "job", "api"))).build();

        ReadRequestMessage decoded = decode(request.toByteArray());

        assertThat(decoded.acceptedResponseTypes()).isEmpty();
        assertThat(ResponseType.negotiate(decoded.acceptedResponseTypes())).contains(ResponseType.SAMPLES);
    }

    @Test
    void unpackedAcceptedTypesAreReadLikePackedOnes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(0x10); // field 2, varint: one value per tag, as a proto2-style encoder may send
        bytes.write(7);
        bytes.write(0x10);
        bytes.write(1);

        ReadRequestMessage decoded = decode(bytes.toByteArray());

        assertThat(decoded.acceptedResponseTypes()).containsExactly(7, 1);
        assertThat(ResponseType.negotiate(decoded.acceptedResponseTypes())).contains(ResponseType.STREAMED_XOR_CHUNKS);
    }

    @Test
    void onlyUnknownResponseTypesNegotiateNothing() {
        ReadRequest request = ReadRequest.newBuilder().addAcceptedResponseTypesValue(5).build();

        assertThat(ResponseType.negotiate(decode(request.toByteArray()).acceptedResponseTypes())).isEmpty();
    }

    @Test
    void unknownFieldsAreSkipped() {
        byte[] known = ReadRequest.newBuilder()
                .addQueries(Query.newBuilder().setStartTimestampMs(1).setEndTimestampMs(2)
                        .addMatchers(matcher(LabelMatcher.Type.EQ, "job", "api"))).build().toByteArray();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {(byte) 0x4a, 3, 'n', 'e', 'w'}); // field 9, LEN: from a newer client
        bytes.writeBytes(known);
        bytes.writeBytes(new byte[] {(byte) 0x51, 1, 2, 3, 4, 5, 6, 7, 8}); // field 10, fixed64

        assertThat(decode(bytes.toByteArray()).queries()).singleElement()
                .satisfies(q -> assertThat(q.matchers()).hasSize(1));
    }

    @Test
    void anUnknownMatcherTypeIsMalformed() {
        ReadRequest request = ReadRequest.newBuilder()
                .addQueries(Query.newBuilder().addMatchers(LabelMatcher.newBuilder().setTypeValue(9).setName("job")
                        .setValue("api"))).build();

        assertThatThrownBy(() -> decode(request.toByteArray()))
                .isInstanceOfSatisfying(MalformedProtobufException.class,
                        e -> assertThat(e.reason()).isEqualTo("invalid-matcher-type"))
                .hasMessageContaining("LabelMatcher.type 9");
    }

    @Test
    void aTruncatedRequestIsMalformed() {
        byte[] full = ReadRequest.newBuilder()
                .addQueries(Query.newBuilder().setStartTimestampMs(HOUR_AGO).setEndTimestampMs(NOW)
                        .addMatchers(matcher(LabelMatcher.Type.EQ, "__name__", "up"))).build().toByteArray();

        for (int cut = 1; cut < full.length; cut++) {
            byte[] truncated = java.util.Arrays.copyOf(full, cut);
            assertThatThrownBy(() -> decode(truncated)).as("cut at %d", cut)
                    .isInstanceOf(MalformedProtobufException.class);
        }
    }

    @Test
    void aKnownFieldWithTheWrongWireTypeIsMalformed() {
        byte[] queriesAsVarint = {0x08, 0x01}; // field 1 (queries) sent as a varint

        assertThatThrownBy(() -> decode(queriesAsVarint)).isInstanceOf(MalformedProtobufException.class)
                .hasMessageContaining("ReadRequest.queries");
    }

    private static ReadRequestMessage decode(byte[] bytes) {
        return ReadRequestDecoder.decode(bytes, 0, bytes.length);
    }

    private static LabelMatcher matcher(LabelMatcher.Type type, String name, String value) {
        return LabelMatcher.newBuilder().setType(type).setName(name).setValue(value).build();
    }
}
