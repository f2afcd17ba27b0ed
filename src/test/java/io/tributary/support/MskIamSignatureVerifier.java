package io.tributary.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an MSK broker checks of an AWS_MSK_IAM client's first message, written from AWS's Signature Version 4
 * description (query-string signing) rather than with the AWS SDK, so that a test passing through it shows the
 * client really signed with the expected secret, not that one SDK agrees with itself.
 *
 * <p>The message is a JSON object: {@code version} 2020_10_22, {@code host}, {@code user-agent}, {@code action}
 * kafka-cluster:Connect and the presigned URL's {@code x-amz-*} query parameters. The signature covers
 * {@code GET https://host/?Action=kafka-cluster%3AConnect&X-Amz-...} with only the host header signed, for
 * service {@code kafka-cluster}. Users (access key → secret and optional session token) can be added and revoked
 * while the broker runs.
 */
public final class MskIamSignatureVerifier {

    public static final String VERSION = "2020_10_22";
    private static final String SERVICE = "kafka-cluster";
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Hex SHA-256 of the empty body: a presigned GET signs no payload. */
    private static final String EMPTY_PAYLOAD_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /** Known users; the one instance the broker's SASL servers consult (they are created by reflection). */
    public static final MskIamSignatureVerifier USERS = new MskIamSignatureVerifier();

    private final Map<String, User> users = new ConcurrentHashMap<>();

    record User(String secretKey, String sessionToken, String principal) {
    }

    /** The checked identity of a client: the key it signed with, the IAM principal that key belongs to. */
    public record Verified(String accessKey, String principal, String userAgent) {
    }

    /** Accepts {@code accessKey} signed with {@code secretKey}; a non-null session token must then be sent too. */
    public void allow(String accessKey, String secretKey, String sessionToken) {
        allow(accessKey, secretKey, sessionToken, "arn:aws:iam::123456789012:user/" + accessKey);
    }

    /**
     * As {@link #allow(String, String, String)}, for a key of IAM {@code principal}: rotating to another key of
     * the same principal is what MSK allows on a live connection (Kafka refuses a re-authentication that
     * changes the principal).
     */
    public void allow(String accessKey, String secretKey, String sessionToken, String principal) {
        users.put(accessKey, new User(secretKey, sessionToken, principal));
    }

    public void revoke(String accessKey) {
        users.remove(accessKey);
    }

    /** Checks one client message; throws with the reason (as a broker would log it) when it does not hold. */
    public Verified verify(byte[] message, String expectedHost, Instant now) {
        return verify(message, java.util.Set.of(expectedHost), now);
    }

    /** As {@link #verify(byte[], String, Instant)}, with any of {@code expectedHosts} as the signed host. */
    public Verified verify(byte[] message, java.util.Set<String> expectedHosts, Instant now) {
        JsonNode json;
        try {
            json = JSON.readTree(message);
        } catch (RuntimeException e) {
            throw new SecurityException("the client message is not JSON");
        }
        require(VERSION.equals(text(json, "version")), "unknown version " + text(json, "version"));
        require((SERVICE + ":Connect").equals(text(json, "action")), "action is not kafka-cluster:Connect");
        require(ALGORITHM.equals(text(json, "x-amz-algorithm")), "algorithm is not " + ALGORITHM);
        require("host".equals(text(json, "x-amz-signedheaders")), "signed headers are not exactly host");
        String host = text(json, "host");
        require(expectedHosts.contains(host), "host " + host + " is not one of the broker's " + expectedHosts);

        String[] scope = text(json, "x-amz-credential").split("/");
        require(scope.length == 5 && SERVICE.equals(scope[3]) && "aws4_request".equals(scope[4]),
                "credential scope is not <key>/<date>/<region>/kafka-cluster/aws4_request");
        String accessKey = scope[0];
        User user = users.get(accessKey);
        require(user != null, "unknown access key " + accessKey);

        String amzDate = text(json, "x-amz-date");
        Instant signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        long expires = Long.parseLong(text(json, "x-amz-expires"));
        require(amzDate.startsWith(scope[1]), "credential date is not the signing date");
        require(!signedAt.isAfter(now.plus(CLOCK_SKEW)), "signed in the future");
        require(!now.isAfter(signedAt.plusSeconds(expires)), "signature expired");

        String token = json.has("x-amz-security-token") ? text(json, "x-amz-security-token") : null;
        require(user.sessionToken() == null || user.sessionToken().equals(token), "session token missing or wrong");

        Map<String, String> query = new TreeMap<>();
        query.put("Action", SERVICE + ":Connect");
        query.put("X-Amz-Algorithm", ALGORITHM);
        query.put("X-Amz-Credential", text(json, "x-amz-credential"));
        query.put("X-Amz-Date", amzDate);
        query.put("X-Amz-Expires", Long.toString(expires));
        if (token != null) {
            query.put("X-Amz-Security-Token", token);
        }
        query.put("X-Amz-SignedHeaders", "host");
        StringBuilder canonicalQuery = new StringBuilder();
        query.forEach((k, v) -> canonicalQuery.append(canonicalQuery.isEmpty() ? "" : "&")
                .append(encode(k)).append('=').append(encode(v)));
        String canonicalRequest = "GET\n/\n" + canonicalQuery + "\nhost:" + host + "\n\nhost\n" + EMPTY_PAYLOAD_HASH;
        String credentialScope = scope[1] + "/" + scope[2] + "/" + SERVICE + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + credentialScope + "\n" + sha256Hex(canonicalRequest);
        byte[] key = hmac(("AWS4" + user.secretKey()).getBytes(StandardCharsets.UTF_8), scope[1]);
        key = hmac(key, scope[2]);
        key = hmac(key, SERVICE);
        key = hmac(key, "aws4_request");
        String expected = HexFormat.of().formatHex(hmac(key, stringToSign));
        require(MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                text(json, "x-amz-signature").getBytes(StandardCharsets.US_ASCII)), "signature does not match");
        return new Verified(accessKey, user.principal(), text(json, "user-agent"));
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || !node.isString()) {
            throw new SecurityException("the client message has no " + field);
        }
        return node.asString();
    }

    private static void require(boolean holds, String reason) {
        if (!holds) {
            throw new SecurityException(reason);
        }
    }

    /** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters, spaces as %20. */
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
