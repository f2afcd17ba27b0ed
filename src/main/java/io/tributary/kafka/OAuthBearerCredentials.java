package io.tributary.kafka;

import io.tributary.config.Secret;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an OAUTHBEARER credential source returns: Mimir's JSON shape
 * {@code {"token": "...", "zid": "...", "extensions": {"key": "value"}}}, of which only {@code token} is required.
 */
record OAuthBearerCredentials(Secret token, String zid, Map<String, String> extensions) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Parses a source's answer. Errors name {@code sourceKey} (the setting that points at the source) and
     * describe the shape expected, never the content: a half-valid document may still carry a real token.
     */
    static OAuthBearerCredentials fromJson(String json, String sourceKey) throws CredentialsUnavailableException {
        String expected = ": expected a JSON object {\"token\": \"...\", \"zid\": \"...\", \"extensions\": {\"key\": \"value\"}}"
                + " of which only token is required";
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            // Jackson's message quotes the offending input, which may be the token itself.
            throw new CredentialsUnavailableException("the OAUTHBEARER credentials from " + sourceKey
                    + " are not valid JSON" + expected);
        }
        if (root == null || !root.isObject()) {
            throw new CredentialsUnavailableException("the OAUTHBEARER credentials from " + sourceKey
                    + " are not a JSON object" + expected);
        }
        JsonNode token = root.get("token");
        if (token == null || !token.isString() || token.asString().isBlank()) {
            throw new CredentialsUnavailableException("the OAUTHBEARER credentials from " + sourceKey
                    + " have no \"token\" string" + expected);
        }
        JsonNode zid = root.get("zid");
        if (zid != null && !zid.isNull() && !zid.isString()) {
            throw new CredentialsUnavailableException("the OAUTHBEARER credentials from " + sourceKey
                    + " have a \"zid\" that is not a string" + expected);
        }
        Map<String, String> extensions = new LinkedHashMap<>();
        JsonNode ext = root.get("extensions");
        if (ext != null && !ext.isNull()) {
            if (!ext.isObject()) {
                throw new CredentialsUnavailableException("the OAUTHBEARER credentials from " + sourceKey
                        + " have \"extensions\" that are not a JSON object" + expected);
            }
            for (Map.Entry<String, JsonNode> entry : ext.properties()) {
                if (!entry.getValue().isString()) {
                    throw new CredentialsUnavailableException("the OAUTHBEARER credentials from " + sourceKey
                            + " have extension \"" + entry.getKey() + "\" with a value that is not a string" + expected);
                }
                extensions.put(entry.getKey(), entry.getValue().asString());
            }
        }
        return new OAuthBearerCredentials(Secret.of(token.asString()),
                zid == null || zid.isNull() ? "" : zid.asString(), Map.copyOf(extensions));
    }
}
