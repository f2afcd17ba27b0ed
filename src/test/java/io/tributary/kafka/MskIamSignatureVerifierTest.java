package io.tributary.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.support.MskIamSignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.msk.auth.iam.internals.AWS4SignedPayloadGenerator;
import software.amazon.msk.auth.iam.internals.AuthenticationRequestParams;

/** The test broker's check, against messages signed by aws-msk-iam-auth's own payload generator. */
class MskIamSignatureVerifierTest {

    private static final String HOST = "b-1.tributary-test.abc123.c2.kafka.eu-west-1.amazonaws.com";

    private static byte[] signed(AwsCredentials credentials, String userAgent) throws Exception {
        return new AWS4SignedPayloadGenerator().signedPayload(
                AuthenticationRequestParams.create(HOST, credentials, userAgent));
    }

    @Test
    void acceptsAMessageSignedWithTheSecretAndReadsItsUserAgent() throws Exception {
        MskIamSignatureVerifier verifier = new MskIamSignatureVerifier();
        verifier.allow("AKIATESTKEY0001", "secret/With+Symbols=1", null);

        MskIamSignatureVerifier.Verified who = verifier.verify(
                signed(AwsBasicCredentials.create("AKIATESTKEY0001", "secret/With+Symbols=1"), "tributary-test"),
                HOST, Instant.now());

        assertThat(who).isEqualTo(new MskIamSignatureVerifier.Verified("AKIATESTKEY0001",
                "arn:aws:iam::123456789012:user/AKIATESTKEY0001", "tributary-test"));
    }

    @Test
    void acceptsSessionCredentialsOnlyWithTheirToken() throws Exception {
        MskIamSignatureVerifier verifier = new MskIamSignatureVerifier();
        verifier.allow("ASIATESTKEY0002", "s3cret", "token+/=");

        assertThat(verifier.verify(signed(AwsSessionCredentials.create("ASIATESTKEY0002", "s3cret", "token+/="), "ua"),
                HOST, Instant.now()).accessKey()).isEqualTo("ASIATESTKEY0002");
        assertThatThrownBy(() -> verifier.verify(signed(AwsBasicCredentials.create("ASIATESTKEY0002", "s3cret"), "ua"),
                HOST, Instant.now())).hasMessageContaining("session token");
    }

    @Test
    void refusesAWrongSecretAnUnknownKeyATamperedMessageAndAnOldOne() throws Exception {
        MskIamSignatureVerifier verifier = new MskIamSignatureVerifier();
        verifier.allow("AKIATESTKEY0001", "right", null);

        assertThatThrownBy(() -> verifier.verify(signed(AwsBasicCredentials.create("AKIATESTKEY0001", "wrong"), "ua"),
                HOST, Instant.now())).hasMessage("signature does not match");
        assertThatThrownBy(() -> verifier.verify(signed(AwsBasicCredentials.create("AKIAOTHER", "right"), "ua"),
                HOST, Instant.now())).hasMessage("unknown access key AKIAOTHER");
        byte[] good = signed(AwsBasicCredentials.create("AKIATESTKEY0001", "right"), "ua");
        String tampered = new String(good, StandardCharsets.UTF_8).replace("\"x-amz-expires\":\"900\"", "\"x-amz-expires\":\"9000\"");
        assertThat(tampered).isNotEqualTo(new String(good, StandardCharsets.UTF_8));
        assertThatThrownBy(() -> verifier.verify(tampered.getBytes(StandardCharsets.UTF_8), HOST, Instant.now()))
                .hasMessage("signature does not match");
        assertThatThrownBy(() -> verifier.verify(good, HOST, Instant.now().plusSeconds(901)))
                .hasMessage("signature expired");
        assertThatThrownBy(() -> verifier.verify(good, "other-host", Instant.now())).hasMessageContaining("host");
        verifier.revoke("AKIATESTKEY0001");
        assertThatThrownBy(() -> verifier.verify(good, HOST, Instant.now())).hasMessageContaining("unknown access key");
    }
}
