package io.tributary.kafka;

import io.tributary.config.Secret;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * AWS_MSK_IAM with no credential setting: the AWS SDK's default chain (environment variables, system properties,
 * web identity token, profile file, container and EC2 instance roles), as MSK users on EKS (IRSA, Pod Identity)
 * and EC2 expect. The chain caches and refreshes temporary credentials itself.
 */
final class MskIamDefaultChainSource implements CredentialSource<MskIamCredentials> {

    private final DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
    private final String userAgent;

    MskIamDefaultChainSource(String userAgent) {
        this.userAgent = userAgent;
    }

    @Override
    public MskIamCredentials fetch() throws CredentialsUnavailableException {
        AwsCredentials found;
        try {
            found = chain.resolveCredentials();
        } catch (SdkException e) {
            // The SDK's message lists the providers it tried and why each failed; it holds no secret.
            throw new CredentialsUnavailableException("ingest-storage.kafka.sasl-mechanism is AWS_MSK_IAM with no"
                    + " credential setting, and the AWS default credential chain found none (" + e.getMessage()
                    + "): set ingest-storage.kafka.sasl-msk-iam-access-key with -secret-key, -file-path or"
                    + " -http-socket-path, or give the process AWS credentials (AWS_ACCESS_KEY_ID, a profile, a role)");
        }
        Secret token = found instanceof AwsSessionCredentials session ? Secret.of(session.sessionToken()) : Secret.empty();
        return new MskIamCredentials(found.accessKeyId(), Secret.of(found.secretAccessKey()), token, userAgent);
    }
}
