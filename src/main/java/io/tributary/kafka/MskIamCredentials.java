package io.tributary.kafka;

import io.tributary.config.Secret;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * AWS credentials for AWS_MSK_IAM as Mimir takes them: static settings, or the JSON a file or Unix-socket source
 * returns, {@code {"AccessKey": "...", "SecretKey": "...", "SessionToken": "...", "UserAgent": "..."}} of which
 * the last two are optional.
 */
record MskIamCredentials(String accessKey, Secret secretKey, Secret sessionToken, String userAgent) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SHAPE = ": expected a JSON object {\"AccessKey\": \"...\", \"SecretKey\": \"...\","
            + " \"SessionToken\": \"...\", \"UserAgent\": \"...\"} of which SessionToken and UserAgent are optional";

    /**
     * Parses a source's answer. Errors name {@code sourceKey} (the setting that points at the source) and the
     * shape expected, never the content, which may hold a secret key.
     */
    static MskIamCredentials fromJson(String json, String sourceKey) throws CredentialsUnavailableException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            // Jackson's message quotes the offending input.
            throw new CredentialsUnavailableException("the AWS_MSK_IAM credentials from " + sourceKey
                    + " are not valid JSON" + SHAPE);
        }
        if (root == null || !root.isObject()) {
            throw new CredentialsUnavailableException("the AWS_MSK_IAM credentials from " + sourceKey
                    + " are not a JSON object" + SHAPE);
        }
        String accessKey = string(root, "AccessKey", true, sourceKey);
        String secretKey = string(root, "SecretKey", true, sourceKey);
        String sessionToken = string(root, "SessionToken", false, sourceKey);
        String userAgent = string(root, "UserAgent", false, sourceKey);
        return new MskIamCredentials(accessKey, Secret.of(secretKey), Secret.of(sessionToken), userAgent);
    }

    private static String string(JsonNode root, String field, boolean required, String sourceKey)
            throws CredentialsUnavailableException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new CredentialsUnavailableException("the AWS_MSK_IAM credentials from " + sourceKey
                        + " have no \"" + field + "\"" + SHAPE);
            }
            return "";
        }
        if (!node.isString() || (required && node.asString().isBlank())) {
            throw new CredentialsUnavailableException("the AWS_MSK_IAM credentials from " + sourceKey + " have a \""
                    + field + "\" that is not a " + (required ? "non-empty " : "") + "string" + SHAPE);
        }
        return node.asString();
    }

    /** The credentials as the AWS SDK signs with them: the only place the secret leaves its {@link Secret}. */
    AwsCredentials toAws() {
        return sessionToken.isSet()
                ? AwsSessionCredentials.create(accessKey, secretKey.reveal(), sessionToken.reveal())
                : AwsBasicCredentials.create(accessKey, secretKey.reveal());
    }

    @Override
    public String toString() {
        return "MskIamCredentials[accessKey=" + accessKey + ", secretKey=******, sessionToken="
                + (sessionToken.isSet() ? "******" : "") + ", userAgent=" + userAgent + "]";
    }
}
