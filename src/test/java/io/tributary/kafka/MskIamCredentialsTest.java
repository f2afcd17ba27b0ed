package io.tributary.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.support.MskIamSignatureVerifier;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.msk.auth.iam.internals.AWS4SignedPayloadGenerator;
import software.amazon.msk.auth.iam.internals.AuthenticationRequestParams;

class MskIamCredentialsTest {

    private static final String SOURCE = "ingest-storage.kafka.sasl-msk-iam-file-path /run/msk.json";

    @Test
    void readsTheSeedsShapeWithOptionalTokenAndUserAgent() throws Exception {
        MskIamCredentials full = MskIamCredentials.fromJson("{\"AccessKey\":\"ASIA1\",\"SecretKey\":\"s3cret\","
                + "\"SessionToken\":\"tok\",\"UserAgent\":\"ua\"}", SOURCE);
        assertThat(full.toAws()).isInstanceOf(AwsSessionCredentials.class);
        assertThat(full.userAgent()).isEqualTo("ua");
        assertThat(full.toString()).doesNotContain("s3cret").doesNotContain("tok");

        MskIamCredentials minimal = MskIamCredentials.fromJson("{\"AccessKey\":\"AKIA1\",\"SecretKey\":\"s3cret\"}", SOURCE);
        assertThat(minimal.toAws().accessKeyId()).isEqualTo("AKIA1");
        assertThat(minimal.toAws().secretAccessKey()).isEqualTo("s3cret");
        assertThat(minimal.userAgent()).isEmpty();
    }

    @Test
    void namesTheSourceAndTheShapeButNeverQuotesTheContent() {
        assertThatThrownBy(() -> MskIamCredentials.fromJson("SecretKey=leak-1", SOURCE))
                .hasMessageStartingWith("the AWS_MSK_IAM credentials from " + SOURCE + " are not valid JSON")
                .hasMessageNotContaining("leak-1");
        assertThatThrownBy(() -> MskIamCredentials.fromJson("{\"SecretKey\":\"leak-2\"}", SOURCE))
                .hasMessageContaining("have no \"AccessKey\"").hasMessageNotContaining("leak-2");
        assertThatThrownBy(() -> MskIamCredentials.fromJson("{\"AccessKey\":\"A\",\"SecretKey\":7}", SOURCE))
                .hasMessageContaining("\"SecretKey\" that is not a non-empty string");
        assertThatThrownBy(() -> MskIamCredentials.fromJson("[\"leak-3\"]", SOURCE))
                .hasMessageContaining("not a JSON object").hasMessageNotContaining("leak-3");
    }

    @Test
    void aRewrittenUserAgentLeavesTheSignatureValid() throws Exception {
        byte[] signed = new AWS4SignedPayloadGenerator().signedPayload(AuthenticationRequestParams.create(
                "b-1.c.kafka.eu-west-1.amazonaws.com", AwsSessionCredentials.create("ASIA1", "s3cret", "tok"),
                "aws-msk-iam-auth/2.3.9"));
        MskIamSignatureVerifier verifier = new MskIamSignatureVerifier();
        verifier.allow("ASIA1", "s3cret", "tok");

        byte[] rewritten = MskIamUserAgent.withUserAgent(signed, "tributary-eu-1");

        assertThat(verifier.verify(rewritten, "b-1.c.kafka.eu-west-1.amazonaws.com", Instant.now()).userAgent())
                .isEqualTo("tributary-eu-1");
    }
}
