package io.tributary.ingest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentNegotiationTest {

    @ParameterizedTest(name = "Content-Type ''{0}'' with encoding ''{1}'' is remote-write {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "application/x-protobuf|snappy|V1",
            "application/x-protobuf;proto=prometheus.WriteRequest|snappy|V1",
            "application/x-protobuf; proto=io.prometheus.write.v2.Request|snappy|V2",
            "application/x-protobuf;proto=\"io.prometheus.write.v2.Request\"|SNAPPY|V2",
            "Application/X-Protobuf;charset=utf-8|snappy|V1",
            "NULL|NULL|V1",
            "application/x-protobuf|NULL|V1",
    })
    void acceptedContentTypesChooseTheVersionFromProtoOnly(String contentType, String encoding, RemoteWriteVersion expected) {
        assertThat(ContentNegotiation.negotiate(contentType, encoding)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "Content-Type ''{0}'' with encoding ''{1}'' is refused: {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "application/json|snappy|unsupported Content-Type 'application/json'",
            "image/png|snappy|unsupported Content-Type 'image/png'",
            "application/x-protobuf;proto=io.prometheus.write.v3.Request|snappy|unsupported remote-write message proto=io.prometheus.write.v3.Request",
            "application/x-protobuf;proto|snappy|malformed Content-Type parameter 'proto'",
            "application/x-protobuf|gzip|unsupported Content-Encoding 'gzip'",
            "application/x-protobuf|deflate|unsupported Content-Encoding 'deflate'",
    })
    void unknownMediaTypesMessagesAndEncodingsAreUnsupported(String contentType, String encoding, String reason) {
        assertThatThrownBy(() -> ContentNegotiation.negotiate(contentType, encoding))
                .isInstanceOf(ContentNegotiation.UnsupportedMediaException.class)
                .hasMessageStartingWith(reason);
    }
}
