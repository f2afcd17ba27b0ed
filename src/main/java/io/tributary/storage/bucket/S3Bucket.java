package io.tributary.storage.bucket;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A bucket in S3 or an S3-compatible store (MinIO, Ceph, S3Proxy...), through the AWS SDK for Java v2 with the
 * Apache 5 HTTP client. Objects are written with a single PutObject, which S3 makes visible whole or not at all
 * (blocks' files stay well below its 5 GiB limit for one request).
 *
 * <p>Credentials are the static key pair of the configuration or, when it has none, the AWS default chain
 * (environment, profile, web identity, container and instance roles). They are handed to the SDK only; messages name
 * the bucket and the key, and any text that would contain the secret key or session token is masked.
 */
public final class S3Bucket implements Bucket {

    /** What S3-compatible stores sign for when no region is set, as the MinIO client that Mimir uses assumes. */
    static final String DEFAULT_REGION = "us-east-1";

    private static final String MASK = "******";

    /** S3's own maximum for one ListObjectsV2 page. */
    static final int LIST_PAGE_SIZE = 1000;

    private final S3BucketConfig config;
    private final S3Client client;
    private final String description;
    private final int listPageSize;

    /** A client for the configured bucket; no request is made until the first operation. */
    public S3Bucket(S3BucketConfig config) {
        this(config, LIST_PAGE_SIZE);
    }

    /** With a smaller list page, so tests can cross pages without storing thousands of objects. */
    S3Bucket(S3BucketConfig config, int listPageSize) {
        this.listPageSize = listPageSize;
        if (config.bucketName().isEmpty()) {
            throw new IllegalArgumentException("S3 bucket name is empty");
        }
        this.config = config;
        this.description = description(config);
        String region = config.region().isEmpty() ? DEFAULT_REGION : config.region();
        S3ClientBuilder builder = S3Client.builder()
                // A builder, not a built client, so that closing the S3 client closes its connection pool too.
                .httpClientBuilder(Apache5HttpClient.builder())
                .region(Region.of(region))
                .forcePathStyle(config.pathStyle())
                .credentialsProvider(credentials(config));
        URI endpoint = endpoint(config, region);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        this.client = builder.build();
    }

    @Override
    public void upload(String key, Path file) {
        BucketKeys.check(key);
        if (!Files.isRegularFile(file)) {
            throw new BucketException("upload of " + file + " to " + key + " in " + description
                    + " failed: no such file");
        }
        call("upload of " + file + " to", key,
                () -> client.putObject(put -> put.bucket(config.bucketName()).key(key), RequestBody.fromFile(file)));
    }

    @Override
    public void upload(String key, byte[] content) {
        BucketKeys.check(key);
        call("upload to", key, () -> client.putObject(put -> put.bucket(config.bucketName()).key(key),
                RequestBody.fromBytes(content)));
    }

    @Override
    public Optional<Instant> lastModified(String key) {
        BucketKeys.check(key);
        try {
            return Optional.ofNullable(client.headObject(head -> head.bucket(config.bucketName()).key(key)).lastModified());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("last-modified check of", key, e);
        } catch (SdkException e) {
            throw failure("last-modified check of", key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        BucketKeys.check(key);
        try {
            client.headObject(head -> head.bucket(config.bucketName()).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                return false; // HEAD answers carry no body, so some stores' 404 is not parsed as NoSuchKey
            }
            throw failure("existence check of", key, e);
        } catch (SdkException e) {
            throw failure("existence check of", key, e);
        }
    }

    @Override
    public byte[] get(String key) {
        BucketKeys.check(key);
        return call("read of", key,
                () -> client.getObjectAsBytes(get -> get.bucket(config.bucketName()).key(key)).asByteArray());
    }

    @Override
    public InputStream open(String key) {
        BucketKeys.check(key);
        return call("read of", key, () -> client.getObject(get -> get.bucket(config.bucketName()).key(key)));
    }

    @Override
    public List<String> list(String prefix) {
        BucketKeys.checkPrefix(prefix);
        List<String> keys = new ArrayList<>();
        ListObjectsV2Request request = ListObjectsV2Request.builder()
                .bucket(config.bucketName()).prefix(prefix).maxKeys(listPageSize).build();
        try {
            for (S3Object object : client.listObjectsV2Paginator(request).contents()) {
                keys.add(object.key());
            }
        } catch (SdkException e) {
            throw new BucketException("list of " + (prefix.isEmpty() ? "all keys" : "prefix " + prefix) + " in "
                    + description + " failed: " + reason(e), e);
        }
        keys.sort(null); // S3 sorts by UTF-8 bytes; this makes the order the same as the filesystem bucket's
        return keys;
    }

    @Override
    public void delete(String key) {
        BucketKeys.check(key);
        call("delete of", key, () -> client.deleteObject(delete -> delete.bucket(config.bucketName()).key(key)));
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        client.close();
    }

    private <T> T call(String operation, String key, Supplier<T> request) {
        try {
            return request.get();
        } catch (NoSuchKeyException e) {
            throw new ObjectNotFoundException(key, description);
        } catch (SdkException e) {
            throw failure(operation, key, e);
        }
    }

    private BucketException failure(String operation, String key, SdkException e) {
        return new BucketException(operation + " " + key + " in " + description + " failed: " + reason(e), e);
    }

    /**
     * The store's answer (HTTP status, S3 error code and message) or the client's reason (e.g. connection refused),
     * with any appearance of a credential masked: an S3-compatible store may echo more of the request than AWS does.
     */
    private String reason(SdkException e) {
        String reason;
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            AwsErrorDetails details = service.awsErrorDetails();
            reason = "HTTP " + service.statusCode()
                    + (details.errorCode() == null ? "" : " " + details.errorCode())
                    + (details.errorMessage() == null ? "" : ": " + details.errorMessage());
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return masked(reason);
    }

    private String masked(String text) {
        String out = text;
        for (String secret : List.of(config.secretAccessKey(), config.sessionToken())) {
            if (!secret.isEmpty()) {
                out = out.replace(secret, MASK);
            }
        }
        return out;
    }

    private static AwsCredentialsProvider credentials(S3BucketConfig config) {
        if (!config.staticCredentials()) {
            return DefaultCredentialsProvider.builder().build();
        }
        if (config.sessionToken().isEmpty()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey()));
        }
        return StaticCredentialsProvider.create(
                AwsSessionCredentials.create(config.accessKeyId(), config.secretAccessKey(), config.sessionToken()));
    }

    /** Mimir's endpoint is host[:port]; the scheme follows {@code insecure}. Null means AWS's own endpoint. */
    private static URI endpoint(S3BucketConfig config, String region) {
        String scheme = config.insecure() ? "http" : "https";
        if (!config.endpoint().isEmpty()) {
            return URI.create(scheme + "://" + config.endpoint());
        }
        return config.insecure() ? URI.create("http://s3." + region + ".amazonaws.com") : null;
    }

    private static String description(S3BucketConfig config) {
        String where = config.endpoint().isEmpty()
                ? "AWS" + (config.region().isEmpty() ? "" : " " + config.region())
                : config.endpoint();
        return "s3://" + config.bucketName() + " at " + where + " (" + (config.insecure() ? "http" : "https") + ", "
                + (config.pathStyle() ? "path-style" : "virtual-hosted-style") + ")";
    }
}
