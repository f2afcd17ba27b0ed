package io.tributary.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OAuthBearerCredentialsTest {

    private static final String SOURCE = "ingest-storage.kafka.sasl-oauthbearer-file-path /etc/tributary/token.json";

    @Test
    void mimirsShapeIsReadWithZidAndExtensions() throws Exception {
        OAuthBearerCredentials credentials = OAuthBearerCredentials.fromJson(
                "{\"token\":\"eyJ.payload.sig\",\"zid\":\"ingest\",\"extensions\":{\"logicalCluster\":\"lkc-123\"}}", SOURCE);

        assertThat(credentials.token().reveal()).isEqualTo("eyJ.payload.sig");
        assertThat(credentials.zid()).isEqualTo("ingest");
        assertThat(credentials.extensions()).isEqualTo(Map.of("logicalCluster", "lkc-123"));
    }

    @Test
    void onlyTheTokenIsRequired() throws Exception {
        OAuthBearerCredentials credentials = OAuthBearerCredentials.fromJson("{\"token\":\"eyJ.payload.sig\"}", SOURCE);

        assertThat(credentials.zid()).isEmpty();
        assertThat(credentials.extensions()).isEmpty();
    }

    @ParameterizedTest(name = "{0} is refused as {2}")
    @CsvSource(delimiter = '|', value = {
            "half a document              | {\"token\":\"eyJ.secret-part.sig\"                      | not valid JSON",
            "an array                     | [\"eyJ.secret-part.sig\"]                               | not a JSON object",
            "no token                     | {\"zid\":\"ingest\"}                                    | no \"token\" string",
            "a numeric token              | {\"token\":12345}                                       | no \"token\" string",
            "an empty token               | {\"token\":\"\"}                                        | no \"token\" string",
            "extensions that are a list   | {\"token\":\"eyJ.secret-part.sig\",\"extensions\":[1]}  | \"extensions\" that are not a JSON object",
            "an extension that is numeric | {\"token\":\"eyJ.secret-part.sig\",\"extensions\":{\"shard\":1}} | extension \"shard\" with a value that is not a string",
    })
    void aBadDocumentIsRefusedNamingTheSourceWithoutQuotingIt(String what, String json, String problem) {
        assertThatThrownBy(() -> OAuthBearerCredentials.fromJson(json, SOURCE))
                .isInstanceOf(CredentialsUnavailableException.class)
                .hasMessageStartingWith("the OAUTHBEARER credentials from " + SOURCE)
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret-part"));
    }
}
