package io.tributary.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Each validation rule, as a table of settings and the exact violations they must produce. */
class SettingsValidatorTest {

    private static final String K = "ingest-storage.kafka.";
    private static final Path DIR = tempDir();
    private static final String CA = file("ca.pem");
    private static final String CERT = file("client.pem");
    private static final String KEY = file("client-key.pem");
    private static final String OAUTH_JSON = file("oauthbearer.json");
    private static final String MSK_JSON = file("msk-iam.json");
    private static final String MISSING = DIR.resolve("missing.pem").toString();
    private static final String SOCKET = DIR.resolve("credentials.sock").toString();

    @Test
    @DisplayName("the defaults produce no violation")
    void defaultsAreValid() {
        assertThat(validate(new Settings())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"connection", "auth", "tls", "producer", "consumer", "limits", "tributary", "blocksStorage"})
    void reportsExactlyTheseViolations(Consumer<Settings> change, List<SettingsViolation> expected) {
        Settings settings = new Settings();
        change.accept(settings);
        assertThat(validate(settings)).containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("many bad settings at once are all reported, in one list")
    void reportsEveryViolationAtOnce() {
        Settings s = new Settings();
        s.ingestStorage.setEnabled(false);
        s.kafka.setTopic("");
        s.kafka.setSaslUsername("ingester");
        s.kafka.setTlsCertPath(CERT);
        s.kafka.setProducerRecordVersion(7);
        s.kafka.setFetchMaxWait(Duration.ofSeconds(1));
        s.distributor.setRemoteTimeout(Duration.ZERO);
        s.validation.setMaxLengthLabelName(0);
        s.tributary.getEmbeddedKafka().setPort(65536);
        s.tsdb.setShipInterval(Duration.ofSeconds(-1));

        assertThat(validate(s)).extracting(SettingsViolation::key).containsExactly(
                "ingest-storage.enabled",
                K + "topic",
                K + "sasl-username",
                K + "tls-cert-path",
                K + "tls-cert-path",
                K + "producer-record-version",
                K + "fetch-max-wait",
                "distributor.remote-timeout",
                "validation.max-length-label-name",
                "tributary.embedded-kafka.port",
                "blocks-storage.tsdb.ship-interval");
    }

    @Test
    @DisplayName("the failure message lists every violation, one per line")
    void exceptionListsEveryViolationOnItsOwnLine() {
        Settings s = new Settings();
        s.kafka.setTopic("");
        s.kafka.setWriteTimeout(Duration.ZERO);

        InvalidSettingsException failure = new InvalidSettingsException(validate(s));

        assertThat(failure.getMessage()).isEqualTo("""
                2 invalid settings:
                ingest-storage.kafka.topic is empty: set the topic that all tenants write to
                ingest-storage.kafka.write-timeout is 0s: must be greater than 0, e.g. 10s""");
    }

    static Stream<Arguments> connection() {
        return Stream.of(
                rejected("ingest-storage.enabled=false is rejected, because Tributary always runs ingest storage",
                        s -> s.ingestStorage.setEnabled(false),
                        v("ingest-storage.enabled", "false", "ingest-storage.enabled is false: Tributary always runs"
                                + " ingest storage; set it to true or remove it")),
                rejected("a seed broker without a port is rejected",
                        s -> s.kafka.setAddress("kafka-0.kafka:9092,kafka-1.kafka"),
                        v(K + "address", "kafka-1.kafka", K + "address has kafka-1.kafka, which is not host:port:"
                                + " list brokers as host:port[,host:port...] with a port between 1 and 65535")),
                rejected("a produce endpoint with a port above 65535 is rejected",
                        s -> s.kafka.setProduceEndpoint("kafka-0.kafka:70000"),
                        v(K + "produce-endpoint", "kafka-0.kafka:70000", K + "produce-endpoint has"
                                + " kafka-0.kafka:70000, which is not host:port: list brokers as"
                                + " host:port[,host:port...] with a port between 1 and 65535")),
                accepted("consume endpoints as host:port, with IPv6 and a trailing comma, are accepted",
                        s -> s.kafka.setConsumeEndpoint("[::1]:9092, kafka-2.kafka.svc:9093,")),
                rejected("an empty topic is rejected",
                        s -> s.kafka.setTopic(""),
                        v(K + "topic", "", K + "topic is empty: set the topic that all tenants write to")),
                rejected("a topic with a slash is rejected",
                        s -> s.kafka.setTopic("tenant/metrics"),
                        v(K + "topic", "tenant/metrics", K + "topic is tenant/metrics: Kafka topic names may"
                                + " contain only ASCII letters, digits, '.', '_' and '-'")),
                rejected("the topic .. is rejected",
                        s -> s.kafka.setTopic(".."),
                        v(K + "topic", "..", K + "topic is ..: Kafka does not accept \".\" or \"..\" as a topic"
                                + " name")),
                rejected("a topic of 250 characters is rejected",
                        s -> s.kafka.setTopic("m".repeat(250)),
                        v(K + "topic", "m".repeat(250), K + "topic is 250 characters long: Kafka topic names have"
                                + " at most 249 characters")),
                rejected("auto-creating a topic with 0 partitions is rejected",
                        s -> s.kafka.setAutoCreateTopicDefaultPartitions(0),
                        v(K + "auto-create-topic-default-partitions", "0", K + "auto-create-topic-default-partitions"
                                + " is 0: set a partition count of 1 or more, or -1 for the broker's num.partitions")),
                rejected("auto-creating a topic with -2 partitions is rejected",
                        s -> s.kafka.setAutoCreateTopicDefaultPartitions(-2),
                        v(K + "auto-create-topic-default-partitions", "-2", K + "auto-create-topic-default-partitions"
                                + " is -2: set a partition count of 1 or more, or -1 for the broker's num.partitions")),
                rejected("a zero dial timeout is rejected",
                        s -> s.kafka.setDialTimeout(Duration.ZERO),
                        v(K + "dial-timeout", "0s", K + "dial-timeout is 0s: must be greater than 0, e.g. 10s")));
    }

    static Stream<Arguments> auth() {
        String plainBoth = ": set both to authenticate with PLAIN, or neither to turn SASL off";
        String scramBoth = " but " + K + "sasl-mechanism is SCRAM-SHA-256: SCRAM needs both " + K + "sasl-username"
                + " and " + K + "sasl-password";
        String oauthChoices = K + "sasl-oauthbearer-token, " + K + "sasl-oauthbearer-file-path or " + K
                + "sasl-oauthbearer-http-socket-path";
        String mskChoices = K + "sasl-msk-iam-access-key with " + K + "sasl-msk-iam-secret-key, " + K
                + "sasl-msk-iam-file-path or " + K + "sasl-msk-iam-http-socket-path";
        String extensionsShape = ": write a JSON object of strings, e.g. {\"traceparent\":\"...\"}";
        return Stream.of(
                accepted("PLAIN with neither username nor password turns SASL off and is accepted", s -> { }),
                rejected("a PLAIN username without a password is rejected",
                        s -> s.kafka.setSaslUsername("ingester"),
                        v(K + "sasl-username", "ingester", K + "sasl-username is set but " + K + "sasl-password"
                                + " is empty" + plainBoth)),
                rejected("a PLAIN password without a username is rejected, with the password masked",
                        s -> s.kafka.setSaslPassword(Secret.of("hunter2")),
                        v(K + "sasl-password", "******", K + "sasl-password is set but " + K + "sasl-username"
                                + " is empty" + plainBoth)),
                rejected("SCRAM with a username but no password is rejected",
                        s -> {
                            s.kafka.setSaslMechanism(SaslMechanism.SCRAM_SHA_256);
                            s.kafka.setSaslUsername("ingester");
                        },
                        v(K + "sasl-password", "", K + "sasl-password is empty" + scramBoth)),
                rejected("SCRAM with neither username nor password reports both",
                        s -> s.kafka.setSaslMechanism(SaslMechanism.SCRAM_SHA_256),
                        v(K + "sasl-username", "", K + "sasl-username is empty" + scramBoth),
                        v(K + "sasl-password", "", K + "sasl-password is empty" + scramBoth)),
                rejected("a SCRAM password set while the mechanism is OAUTHBEARER is rejected as ignored",
                        s -> {
                            oauthbearerToken(s);
                            s.kafka.setSaslPassword(Secret.of("hunter2"));
                        },
                        v(K + "sasl-password", "******", K + "sasl-password is set but " + K + "sasl-mechanism is"
                                + " OAUTHBEARER, so it would be ignored: remove it, or set " + K + "sasl-mechanism"
                                + " to PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512")),
                rejected("an OAUTHBEARER token set while the mechanism is PLAIN is rejected as ignored",
                        s -> s.kafka.setSaslOauthbearerToken(Secret.of("eyJhbGciOi")),
                        v(K + "sasl-oauthbearer-token", "******", K + "sasl-oauthbearer-token is set but " + K
                                + "sasl-mechanism is PLAIN, so it would be ignored: remove it, or set " + K
                                + "sasl-mechanism to OAUTHBEARER")),
                rejected("an MSK secret key set while the mechanism is SCRAM is rejected as ignored",
                        s -> {
                            s.kafka.setSaslMechanism(SaslMechanism.SCRAM_SHA_512);
                            s.kafka.setSaslUsername("ingester");
                            s.kafka.setSaslPassword(Secret.of("hunter2"));
                            s.kafka.setSaslMskIamSecretKey(Secret.of("wJalrXUtnFEMI"));
                        },
                        v(K + "sasl-msk-iam-secret-key", "******", K + "sasl-msk-iam-secret-key is set but " + K
                                + "sasl-mechanism is SCRAM-SHA-512, so it would be ignored: remove it, or set " + K
                                + "sasl-mechanism to AWS_MSK_IAM")),
                accepted("a static OAUTHBEARER token with zid and string extensions is accepted",
                        s -> {
                            oauthbearerToken(s);
                            s.kafka.setSaslOauthbearerZid("tenant-checkout");
                            s.kafka.setSaslOauthbearerExtensions(Secret.of("{\"traceparent\":\"00-4bf9\"}"));
                        }),
                rejected("OAUTHBEARER without any credential source is rejected",
                        s -> s.kafka.setSaslMechanism(SaslMechanism.OAUTHBEARER),
                        v(K + "sasl-mechanism", "OAUTHBEARER", K + "sasl-mechanism is OAUTHBEARER but no credential"
                                + " source is set: set exactly one of " + oauthChoices)),
                rejected("OAUTHBEARER with a static token and a credentials file is rejected",
                        s -> {
                            oauthbearerToken(s);
                            s.kafka.setSaslOauthbearerFilePath(OAUTH_JSON);
                        },
                        v(K + "sasl-oauthbearer-token", "******", K + "sasl-oauthbearer-token and " + K
                                + "sasl-oauthbearer-file-path are both set: OAUTHBEARER takes credentials from exactly"
                                + " one of " + oauthChoices)),
                rejected("OAUTHBEARER with token, file and socket names all three",
                        s -> {
                            oauthbearerToken(s);
                            s.kafka.setSaslOauthbearerFilePath(OAUTH_JSON);
                            s.kafka.setSaslOauthbearerHttpSocketPath(SOCKET);
                        },
                        v(K + "sasl-oauthbearer-token", "******", K + "sasl-oauthbearer-token, " + K
                                + "sasl-oauthbearer-file-path and " + K + "sasl-oauthbearer-http-socket-path are all"
                                + " set: OAUTHBEARER takes credentials from exactly one of " + oauthChoices)),
                rejected("an OAUTHBEARER zid without a static token is rejected",
                        s -> {
                            s.kafka.setSaslMechanism(SaslMechanism.OAUTHBEARER);
                            s.kafka.setSaslOauthbearerHttpSocketPath(SOCKET);
                            s.kafka.setSaslOauthbearerZid("tenant-checkout");
                        },
                        v(K + "sasl-oauthbearer-zid", "tenant-checkout", K + "sasl-oauthbearer-zid is set but " + K
                                + "sasl-oauthbearer-token is empty: the zid goes only with the static token; put"
                                + " \"zid\" in the JSON that the credentials file or socket returns instead")),
                rejected("OAUTHBEARER extensions without a static token are rejected, masked",
                        s -> {
                            s.kafka.setSaslMechanism(SaslMechanism.OAUTHBEARER);
                            s.kafka.setSaslOauthbearerFilePath(OAUTH_JSON);
                            s.kafka.setSaslOauthbearerExtensions(Secret.of("{\"traceparent\":\"00-4bf9\"}"));
                        },
                        v(K + "sasl-oauthbearer-extensions", "******", K + "sasl-oauthbearer-extensions is set but "
                                + K + "sasl-oauthbearer-token is empty: extensions go only with the static token; put"
                                + " \"extensions\" in the JSON that the credentials file or socket returns instead")),
                rejected("OAUTHBEARER extensions that are a JSON array are rejected",
                        s -> {
                            oauthbearerToken(s);
                            s.kafka.setSaslOauthbearerExtensions(Secret.of("[\"traceparent\"]"));
                        },
                        v(K + "sasl-oauthbearer-extensions", "******", K + "sasl-oauthbearer-extensions is not a JSON"
                                + " object" + extensionsShape)),
                rejected("OAUTHBEARER extensions that are not JSON at all are rejected",
                        s -> {
                            oauthbearerToken(s);
                            s.kafka.setSaslOauthbearerExtensions(Secret.of("traceparent=00-4bf9"));
                        },
                        v(K + "sasl-oauthbearer-extensions", "******", K + "sasl-oauthbearer-extensions is not a JSON"
                                + " object" + extensionsShape)),
                rejected("an OAUTHBEARER extension with a dash in its key is rejected",
                        s -> {
                            oauthbearerToken(s);
                            s.kafka.setSaslOauthbearerExtensions(Secret.of("{\"trace-id\":\"4bf9\"}"));
                        },
                        v(K + "sasl-oauthbearer-extensions", "******", K + "sasl-oauthbearer-extensions has the key"
                                + " \"trace-id\": Kafka accepts only letters A-Z and a-z in extension keys, and not"
                                + " \"auth\"")),
                rejected("an OAUTHBEARER extension with a number value is rejected",
                        s -> {
                            oauthbearerToken(s);
                            s.kafka.setSaslOauthbearerExtensions(Secret.of("{\"shard\":7}"));
                        },
                        v(K + "sasl-oauthbearer-extensions", "******", K + "sasl-oauthbearer-extensions has a"
                                + " non-string value for \"shard\"" + extensionsShape)),
                rejected("a missing OAUTHBEARER credentials file is rejected",
                        s -> {
                            s.kafka.setSaslMechanism(SaslMechanism.OAUTHBEARER);
                            s.kafka.setSaslOauthbearerFilePath(MISSING);
                        },
                        v(K + "sasl-oauthbearer-file-path", MISSING, K + "sasl-oauthbearer-file-path is " + MISSING
                                + ": no such file; set the path of an existing, readable file")),
                rejected("an AWS access key without a secret key is rejected",
                        s -> {
                            s.kafka.setSaslMechanism(SaslMechanism.AWS_MSK_IAM);
                            s.kafka.setSaslMskIamAccessKey("AKIAIOSFODNN7EXAMPLE");
                        },
                        v(K + "sasl-msk-iam-access-key", "AKIAIOSFODNN7EXAMPLE", K + "sasl-msk-iam-access-key is set"
                                + " but " + K + "sasl-msk-iam-secret-key is empty: set both static AWS keys, or"
                                + " neither")),
                rejected("an AWS secret key without an access key is rejected, masked",
                        s -> {
                            s.kafka.setSaslMechanism(SaslMechanism.AWS_MSK_IAM);
                            s.kafka.setSaslMskIamSecretKey(Secret.of("wJalrXUtnFEMI"));
                        },
                        v(K + "sasl-msk-iam-secret-key", "******", K + "sasl-msk-iam-secret-key is set but " + K
                                + "sasl-msk-iam-access-key is empty: set both static AWS keys, or neither")),
                accepted("AWS_MSK_IAM without any credential source is accepted: the AWS default chain is asked",
                        s -> s.kafka.setSaslMechanism(SaslMechanism.AWS_MSK_IAM)),
                rejected("AWS_MSK_IAM with static keys and a socket is rejected",
                        s -> {
                            mskStaticKeys(s);
                            s.kafka.setSaslMskIamHttpSocketPath(SOCKET);
                        },
                        v(K + "sasl-msk-iam-access-key", "AKIAIOSFODNN7EXAMPLE", K + "sasl-msk-iam-access-key and "
                                + K + "sasl-msk-iam-http-socket-path are both set: AWS_MSK_IAM takes credentials from"
                                + " exactly one of " + mskChoices)),
                accepted("AWS_MSK_IAM with static keys and a session token is accepted",
                        s -> {
                            mskStaticKeys(s);
                            s.kafka.setSaslMskIamSessionToken(Secret.of("FwoGZXIvYXdzEJr"));
                        }),
                rejected("an AWS session token without static keys is rejected",
                        s -> {
                            s.kafka.setSaslMechanism(SaslMechanism.AWS_MSK_IAM);
                            s.kafka.setSaslMskIamFilePath(MSK_JSON);
                            s.kafka.setSaslMskIamSessionToken(Secret.of("FwoGZXIvYXdzEJr"));
                        },
                        v(K + "sasl-msk-iam-session-token", "******", K + "sasl-msk-iam-session-token is set but " + K
                                + "sasl-msk-iam-access-key is empty: the session token goes only with the static keys;"
                                + " put \"SessionToken\" in the JSON that the credentials file or socket returns"
                                + " instead")),
                rejected("an MSK credentials file that is a directory is rejected",
                        s -> {
                            s.kafka.setSaslMechanism(SaslMechanism.AWS_MSK_IAM);
                            s.kafka.setSaslMskIamFilePath(DIR.toString());
                        },
                        v(K + "sasl-msk-iam-file-path", DIR.toString(), K + "sasl-msk-iam-file-path is " + DIR
                                + ": it is a directory; set the path of a file")));
    }

    static Stream<Arguments> tls() {
        String enableTls = " is false: set tls-enabled=true, or remove it";
        return Stream.of(
                accepted("mTLS with CA, certificate and key files is accepted",
                        s -> {
                            s.kafka.setTlsEnabled(true);
                            s.kafka.setTlsCaPath(CA);
                            s.kafka.setTlsCertPath(CERT);
                            s.kafka.setTlsKeyPath(KEY);
                            s.kafka.setTlsMinVersion("VersionTLS13");
                            s.kafka.setTlsServerName("kafka.internal");
                        }),
                rejected("a CA path while TLS is off is rejected, asking for tls-enabled=true",
                        s -> s.kafka.setTlsCaPath(CA),
                        v(K + "tls-ca-path", CA, K + "tls-ca-path is set but " + K + "tls-enabled" + enableTls)),
                rejected("skipping verification while TLS is off is rejected",
                        s -> s.kafka.setTlsInsecureSkipVerify(true),
                        v(K + "tls-insecure-skip-verify", "true", K + "tls-insecure-skip-verify is set but " + K
                                + "tls-enabled" + enableTls)),
                rejected("a client certificate without its key is rejected",
                        s -> {
                            s.kafka.setTlsEnabled(true);
                            s.kafka.setTlsCertPath(CERT);
                        },
                        v(K + "tls-cert-path", CERT, K + "tls-cert-path is set but " + K + "tls-key-path is empty:"
                                + " set both for mTLS, or neither")),
                rejected("a client key without its certificate is rejected",
                        s -> {
                            s.kafka.setTlsEnabled(true);
                            s.kafka.setTlsKeyPath(KEY);
                        },
                        v(K + "tls-key-path", KEY, K + "tls-key-path is set but " + K + "tls-cert-path is empty:"
                                + " set both for mTLS, or neither")),
                rejected("skipping verification with a CA is rejected, because the CA would never be used",
                        s -> {
                            s.kafka.setTlsEnabled(true);
                            s.kafka.setTlsCaPath(CA);
                            s.kafka.setTlsInsecureSkipVerify(true);
                        },
                        v(K + "tls-insecure-skip-verify", "true", K + "tls-insecure-skip-verify is true but " + K
                                + "tls-ca-path is set, and a skipped verification never uses the CA: remove"
                                + " tls-insecure-skip-verify to verify the brokers against the CA, or remove"
                                + " tls-ca-path")),
                rejected("a CA path to a missing file is rejected",
                        s -> {
                            s.kafka.setTlsEnabled(true);
                            s.kafka.setTlsCaPath(MISSING);
                        },
                        v(K + "tls-ca-path", MISSING, K + "tls-ca-path is " + MISSING + ": no such file; set the"
                                + " path of an existing, readable file")),
                rejected("TLS 1.1 as the minimum version is rejected",
                        s -> {
                            s.kafka.setTlsEnabled(true);
                            s.kafka.setTlsMinVersion("VersionTLS11");
                        },
                        v(K + "tls-min-version", "VersionTLS11", K + "tls-min-version is VersionTLS11: allowed values"
                                + " are VersionTLS12 and VersionTLS13 (or TLSv1.2 and TLSv1.3), or empty for TLS 1.2")),
                accepted("a cipher suite the JVM supports is accepted",
                        s -> {
                            s.kafka.setTlsEnabled(true);
                            s.kafka.setTlsCipherSuites("TLS_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
                        }),
                rejected("a cipher suite the JVM does not know is rejected",
                        s -> {
                            s.kafka.setTlsEnabled(true);
                            s.kafka.setTlsCipherSuites("TLS_AES_128_GCM_SHA256,TLS_RSA_WITH_RC4_128_MD4");
                        },
                        v(K + "tls-cipher-suites", "TLS_RSA_WITH_RC4_128_MD4", K + "tls-cipher-suites has"
                                + " TLS_RSA_WITH_RC4_128_MD4, which this JVM does not support: use IANA names such as"
                                + " TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, comma-separated")));
    }

    static Stream<Arguments> producer() {
        String sizeRange = ": allowed range is 1048576..15983616";
        return Stream.of(
                accepted("the smallest record size Mimir allows, 1 MiB, is accepted",
                        s -> s.kafka.setProducerMaxRecordSizeBytes(1_048_576)),
                rejected("a record size below 1 MiB is rejected",
                        s -> s.kafka.setProducerMaxRecordSizeBytes(1_048_575),
                        v(K + "producer-max-record-size-bytes", "1048575",
                                K + "producer-max-record-size-bytes is 1048575" + sizeRange)),
                rejected("a record size above Mimir's 15983616 bytes is rejected",
                        s -> s.kafka.setProducerMaxRecordSizeBytes(16_000_000),
                        v(K + "producer-max-record-size-bytes", "16000000",
                                K + "producer-max-record-size-bytes is 16000000" + sizeRange)),
                rejected("record version 3 is rejected",
                        s -> s.kafka.setProducerRecordVersion(3),
                        v(K + "producer-record-version", "3", K + "producer-record-version is 3: allowed values are"
                                + " 0, 1 and 2")),
                rejected("brotli compression is rejected",
                        s -> s.kafka.setProducerCompression("brotli"),
                        v(K + "producer-compression", "brotli", K + "producer-compression is brotli: allowed values"
                                + " are none, gzip, snappy, lz4 and zstd, or empty for snappy")),
                accepted("zstd compression is accepted", s -> s.kafka.setProducerCompression("zstd")),
                rejected("negative producer buffered bytes are rejected",
                        s -> s.kafka.setProducerMaxBufferedBytes(-1),
                        v(K + "producer-max-buffered-bytes", "-1", K + "producer-max-buffered-bytes is -1: set 0 for"
                                + " no limit, or a number of bytes")),
                rejected("a producer buffer smaller than one largest record is rejected",
                        s -> s.kafka.setProducerMaxBufferedBytes(1_000_000),
                        v(K + "producer-max-buffered-bytes", "1000000", K + "producer-max-buffered-bytes is 1000000,"
                                + " less than " + K + "producer-max-record-size-bytes (15983616): the buffer must hold"
                                + " at least one largest record; set 0 for no limit, or at least that many bytes")),
                rejected("a zero write timeout is rejected",
                        s -> s.kafka.setWriteTimeout(Duration.ZERO),
                        v(K + "write-timeout", "0s", K + "write-timeout is 0s: must be greater than 0, e.g. 10s")));
    }

    static Stream<Arguments> consumer() {
        return Stream.of(
                rejected("a target startup lag above the max lag is rejected",
                        s -> s.kafka.setTargetConsumerLagAtStartup(Duration.ofSeconds(20)),
                        v(K + "target-consumer-lag-at-startup", "20s", K + "target-consumer-lag-at-startup is 20s,"
                                + " greater than " + K + "max-consumer-lag-at-startup (15s): the target must be at most"
                                + " the max; set both to 0 to turn the gate off")),
                accepted("both startup lags at 0 turn the gate off and are accepted",
                        s -> {
                            s.kafka.setTargetConsumerLagAtStartup(Duration.ZERO);
                            s.kafka.setMaxConsumerLagAtStartup(Duration.ZERO);
                        }),
                rejected("starting from a timestamp given in seconds is rejected",
                        s -> {
                            s.kafka.setConsumeFromPositionAtStartup(StartPosition.TIMESTAMP);
                            s.kafka.setConsumeFromTimestampAtStartup(1_700_000_000L);
                        },
                        v(K + "consume-from-timestamp-at-startup", "1700000000", K + "consume-from-timestamp-at-startup"
                                + " is 1700000000 but " + K + "consume-from-position-at-startup is timestamp: set a"
                                + " Unix time in milliseconds, at least 900000000000")),
                accepted("starting from a timestamp in milliseconds is accepted",
                        s -> {
                            s.kafka.setConsumeFromPositionAtStartup(StartPosition.TIMESTAMP);
                            s.kafka.setConsumeFromTimestampAtStartup(1_700_000_000_000L);
                        }),
                rejected("a start timestamp without the timestamp position is rejected as ignored",
                        s -> s.kafka.setConsumeFromTimestampAtStartup(1_700_000_000_000L),
                        v(K + "consume-from-timestamp-at-startup", "1700000000000", K
                                + "consume-from-timestamp-at-startup is set but " + K + "consume-from-position-at-startup"
                                + " is last-offset, so it would be ignored: remove it, or set " + K
                                + "consume-from-position-at-startup=timestamp")),
                rejected("a fetch max wait of 1s is rejected",
                        s -> s.kafka.setFetchMaxWait(Duration.ofSeconds(1)),
                        v(K + "fetch-max-wait", "1s", K + "fetch-max-wait is 1s: allowed range is 5s..30s")),
                rejected("a fetch max wait of 31s is rejected",
                        s -> s.kafka.setFetchMaxWait(Duration.ofSeconds(31)),
                        v(K + "fetch-max-wait", "31s", K + "fetch-max-wait is 31s: allowed range is 5s..30s")),
                accepted("a fetch max wait of 30s is accepted", s -> s.kafka.setFetchMaxWait(Duration.ofSeconds(30))),
                rejected("buffered bytes of Integer.MAX_VALUE are rejected",
                        s -> s.kafka.setMaxBufferedBytes(Integer.MAX_VALUE),
                        v(K + "max-buffered-bytes", "2147483647", K + "max-buffered-bytes is 2147483647: allowed range"
                                + " is 0..2147483646")),
                rejected("a negative fetch concurrency is rejected",
                        s -> s.kafka.setFetchConcurrencyMax(-1),
                        v(K + "fetch-concurrency-max", "-1", K + "fetch-concurrency-max is -1: set 0 for one plain"
                                + " consumer, or a number of concurrent fetches")),
                rejected("a negative ingestion concurrency is rejected",
                        s -> s.kafka.setIngestionConcurrencyMax(-1),
                        v(K + "ingestion-concurrency-max", "-1", K + "ingestion-concurrency-max is -1: set 0 for"
                                + " sequential appends, or a number of shards")),
                rejected("a zero batch size while ingestion concurrency is on is rejected",
                        s -> s.kafka.setIngestionConcurrencyBatchSize(0),
                        v(K + "ingestion-concurrency-batch-size", "0", K + "ingestion-concurrency-batch-size is 0 but "
                                + K + "ingestion-concurrency-max is 8: must be greater than 0 while ingestion"
                                + " concurrency is on")),
                accepted("a zero batch size while ingestion concurrency is off is accepted, as in Mimir",
                        s -> {
                            s.kafka.setIngestionConcurrencyMax(0);
                            s.kafka.setIngestionConcurrencyBatchSize(0);
                        }),
                rejected("a consumer group with a space is rejected",
                        s -> s.kafka.setConsumerGroup("ingester zone-a"),
                        v(K + "consumer-group", "ingester zone-a", K + "consumer-group is \"ingester zone-a\": use a"
                                + " group id without whitespace or control characters (<partition> is replaced by the"
                                + " partition id)")),
                accepted("a consumer group with the <partition> placeholder is accepted",
                        s -> s.kafka.setConsumerGroup("ingester-zone-a-<partition>")),
                rejected("a zero offset commit interval is rejected",
                        s -> s.kafka.setConsumerGroupOffsetCommitInterval(Duration.ZERO),
                        v(K + "consumer-group-offset-commit-interval", "0s", K + "consumer-group-offset-commit-interval"
                                + " is 0s: must be greater than 0, e.g. 10s")),
                rejected("a negative strong read consistency timeout is rejected",
                        s -> s.kafka.setWaitStrongReadConsistencyTimeout(Duration.ofMillis(-500)),
                        v(K + "wait-strong-read-consistency-timeout", "-500ms", K + "wait-strong-read-consistency-timeout"
                                + " is -500ms: must be 0 (no limit) or greater")));
    }

    static Stream<Arguments> limits() {
        return Stream.of(
                rejected("a zero remote timeout is rejected",
                        s -> s.distributor.setRemoteTimeout(Duration.ZERO),
                        v("distributor.remote-timeout", "0s", "distributor.remote-timeout is 0s: must be greater than 0,"
                                + " e.g. 10s")),
                rejected("a zero ingestion rate limit is rejected",
                        s -> s.distributor.setIngestionRateLimit(0),
                        v("distributor.ingestion-rate-limit", "0", "distributor.ingestion-rate-limit is 0: must be"
                                + " greater than 0 samples per second")),
                rejected("a zero burst size is rejected",
                        s -> s.distributor.setIngestionBurstSize(0),
                        v("distributor.ingestion-burst-size", "0", "distributor.ingestion-burst-size is 0: must be at"
                                + " least 1 sample")),
                rejected("a tenant's negative rate limit override is rejected under its tenant key",
                        s -> s.distributor.getTenantLimits().put("team-checkout", tenant(-5.0, null)),
                        v("distributor.tenant-limits.team-checkout.ingestion-rate-limit", "-5",
                                "distributor.tenant-limits.team-checkout.ingestion-rate-limit is -5: must be greater"
                                        + " than 0 samples per second")),
                rejected("a tenant's zero burst override is rejected under its tenant key",
                        s -> s.distributor.getTenantLimits().put("team-checkout", tenant(null, 0)),
                        v("distributor.tenant-limits.team-checkout.ingestion-burst-size", "0",
                                "distributor.tenant-limits.team-checkout.ingestion-burst-size is 0: must be at least 1"
                                        + " sample")),
                rejected("zero label names per series is rejected",
                        s -> s.validation.setMaxLabelNamesPerSeries(0),
                        v("validation.max-label-names-per-series", "0", "validation.max-label-names-per-series is 0:"
                                + " must be greater than 0")),
                rejected("a zero create grace period is rejected",
                        s -> s.validation.setCreateGracePeriod(Duration.ZERO),
                        v("validation.create-grace-period", "0s", "validation.create-grace-period is 0s: must be"
                                + " greater than 0, e.g. 10s")),
                rejected("a negative past grace period is rejected",
                        s -> s.validation.setPastGracePeriod(Duration.ofMinutes(-1)),
                        v("validation.past-grace-period", "-1m", "validation.past-grace-period is -1m: must be 0"
                                + " (accept any age) or greater")));
    }

    static Stream<Arguments> tributary() {
        return Stream.of(
                rejected("an empty data directory is rejected",
                        s -> s.tributary.setDataDir(Path.of("")),
                        v("tributary.data-dir", "", "tributary.data-dir is empty: set the directory that holds"
                                + " Tributary's state (embedded broker log, settings file, blocks)")),
                rejected("an embedded broker port of 65536 is rejected",
                        s -> s.tributary.getEmbeddedKafka().setPort(65_536),
                        v("tributary.embedded-kafka.port", "65536", "tributary.embedded-kafka.port is 65536: allowed"
                                + " range is 0..65535 (0 picks a free port)")),
                accepted("embedded broker port 0 picks a free port and is accepted",
                        s -> s.tributary.getEmbeddedKafka().setPort(0)),
                rejected("a negative owned partition is rejected with its index",
                        s -> s.tributary.setOwnedPartitions(List.of(0, -3)),
                        v("tributary.owned-partitions[1]", "-3", "tributary.owned-partitions[1] is -3: partition ids"
                                + " are 0 or greater")),
                rejected("an empty no-auth tenant with multi-tenancy off is rejected",
                        s -> {
                            s.tributary.setMultitenancyEnabled(false);
                            s.tributary.setNoAuthTenant("");
                        },
                        v("tributary.no-auth-tenant", "", "tributary.no-auth-tenant is empty but"
                                + " tributary.multitenancy-enabled is false: set the tenant that every write goes to")));
    }

    static Stream<Arguments> blocksStorage() {
        String b = "blocks-storage.";
        String s3 = b + "s3.";
        String tsdb = b + "tsdb.";
        String needsS3 = " but blocks-storage.backend is s3: ";
        String pair = ": set both for static credentials, or neither to use the AWS default credential chain";
        return Stream.of(
                accepted("the filesystem backend with no S3 settings is accepted", s -> { }),
                accepted("S3 settings left beside the filesystem backend are not checked, as in Mimir",
                        s -> s.s3.setEndpoint("http://minio.storage:9000")),
                rejected("an empty backend is rejected",
                        s -> s.blocksStorage.setBackend(null),
                        v(b + "backend", "", b + "backend is empty: allowed values are filesystem and s3")),
                accepted("S3 at an S3-compatible endpoint with a static key pair is accepted",
                        s -> {
                            s3Bucket(s);
                            s.s3.setAccessKeyId("ingester-blocks");
                            s.s3.setSecretAccessKey(Secret.of("wJalrXUtnFEMI"));
                        }),
                accepted("S3 on AWS by region, with the default credential chain, is accepted",
                        s -> {
                            s.blocksStorage.setBackend(BlocksBackend.S3);
                            s.s3.setBucketName("mimir-blocks");
                            s.s3.setRegion("eu-west-1");
                        }),
                accepted("temporary credentials with a session token are accepted",
                        s -> {
                            s3Bucket(s);
                            s.s3.setAccessKeyId("ASIAIOSFODNN7EXAMPLE");
                            s.s3.setSecretAccessKey(Secret.of("wJalrXUtnFEMI"));
                            s.s3.setSessionToken(Secret.of("FwoGZXIvYXdzEJr"));
                        }),
                rejected("S3 without a bucket name is rejected",
                        s -> {
                            s3Bucket(s);
                            s.s3.setBucketName("");
                        },
                        v(s3 + "bucket-name", "", s3 + "bucket-name is empty" + needsS3
                                + "set the bucket that holds the blocks")),
                rejected("S3 with neither endpoint nor region is rejected",
                        s -> {
                            s3Bucket(s);
                            s.s3.setEndpoint("");
                        },
                        v(s3 + "endpoint", "", s3 + "endpoint and " + s3 + "region are both empty" + needsS3
                                + "set the endpoint (host[:port]) of an S3-compatible store, or the region of an AWS"
                                + " bucket")),
                rejected("S3 with nothing set reports the bucket and the endpoint",
                        s -> s.blocksStorage.setBackend(BlocksBackend.S3),
                        v(s3 + "bucket-name", "", s3 + "bucket-name is empty" + needsS3
                                + "set the bucket that holds the blocks"),
                        v(s3 + "endpoint", "", s3 + "endpoint and " + s3 + "region are both empty" + needsS3
                                + "set the endpoint (host[:port]) of an S3-compatible store, or the region of an AWS"
                                + " bucket")),
                rejected("an endpoint with a scheme is rejected, pointing at insecure for http",
                        s -> {
                            s3Bucket(s);
                            s.s3.setEndpoint("http://minio.storage:9000");
                        },
                        v(s3 + "endpoint", "http://minio.storage:9000", s3 + "endpoint is http://minio.storage:9000:"
                                + " write host[:port] without a scheme, e.g. minio.storage:9000 (set " + s3
                                + "insecure=true for http)")),
                rejected("an endpoint with the bucket in its path is rejected",
                        s -> {
                            s3Bucket(s);
                            s.s3.setEndpoint("minio.storage:9000/mimir-blocks");
                        },
                        v(s3 + "endpoint", "minio.storage:9000/mimir-blocks", s3 + "endpoint is"
                                + " minio.storage:9000/mimir-blocks: write host[:port] without a path, e.g."
                                + " minio.storage:9000; the bucket goes in " + s3 + "bucket-name")),
                rejected("an access key id without a secret access key is rejected",
                        s -> {
                            s3Bucket(s);
                            s.s3.setAccessKeyId("ingester-blocks");
                        },
                        v(s3 + "access-key-id", "ingester-blocks", s3 + "access-key-id is set but " + s3
                                + "secret-access-key is empty" + pair)),
                rejected("a secret access key without an access key id is rejected, with the secret masked",
                        s -> {
                            s3Bucket(s);
                            s.s3.setSecretAccessKey(Secret.of("wJalrXUtnFEMI"));
                        },
                        v(s3 + "secret-access-key", "******", s3 + "secret-access-key is set but " + s3
                                + "access-key-id is empty" + pair)),
                rejected("a session token without a key pair is rejected, with the token masked",
                        s -> {
                            s3Bucket(s);
                            s.s3.setSessionToken(Secret.of("FwoGZXIvYXdzEJr"));
                        },
                        v(s3 + "session-token", "******", s3 + "session-token is set but " + s3 + "access-key-id and "
                                + s3 + "secret-access-key are empty: a session token goes with a static key pair; set"
                                + " the pair, or remove the token to use the AWS default credential chain")),
                rejected("an empty bucket lookup type is rejected",
                        s -> {
                            s3Bucket(s);
                            s.s3.setBucketLookupType(null);
                        },
                        v(s3 + "bucket-lookup-type", "", s3 + "bucket-lookup-type is empty: allowed values are auto,"
                                + " virtual-hosted and path")),
                rejected("a block range of 500ms is rejected",
                        s -> s.tsdb.setBlockRangesPeriod(Duration.ofMillis(500)),
                        v(tsdb + "block-ranges-period", "500ms", tsdb + "block-ranges-period is 500ms: must be at"
                                + " least 1s, e.g. 2h")),
                rejected("a block range of 90.5s is rejected for not being whole seconds",
                        s -> s.tsdb.setBlockRangesPeriod(Duration.ofMillis(90_500)),
                        v(tsdb + "block-ranges-period", "90500ms", tsdb + "block-ranges-period is 90500ms: must be a"
                                + " whole number of seconds, e.g. 2h")),
                accepted("a block range of 1s with a retention of 1s is accepted",
                        s -> {
                            s.tsdb.setBlockRangesPeriod(Duration.ofSeconds(1));
                            s.tsdb.setRetentionPeriod(Duration.ofSeconds(1));
                        }),
                rejected("a retention shorter than the block range is rejected",
                        s -> s.tsdb.setRetentionPeriod(Duration.ofHours(1)),
                        v(tsdb + "retention-period", "1h", tsdb + "retention-period is 1h but " + tsdb
                                + "block-ranges-period is 2h: must be at least one block range, or blocks would leave"
                                + " the ingester before they are complete, e.g. 13h")),
                rejected("a zero retention is rejected",
                        s -> s.tsdb.setRetentionPeriod(Duration.ZERO),
                        v(tsdb + "retention-period", "0s", tsdb + "retention-period is 0s: must be greater than 0,"
                                + " e.g. 10s")),
                accepted("a ship interval of 0 turns shipping off and is accepted",
                        s -> s.tsdb.setShipInterval(Duration.ZERO)),
                rejected("a negative ship interval is rejected",
                        s -> s.tsdb.setShipInterval(Duration.ofSeconds(-30)),
                        v(tsdb + "ship-interval", "-30s", tsdb + "ship-interval is -30s: must be 0 (shipping off) or"
                                + " greater")));
    }

    /** The five settings groups at their defaults, changed by one test case. */
    static final class Settings {
        final IngestStorageProperties ingestStorage = new IngestStorageProperties();
        final KafkaSettings kafka = ingestStorage.getKafka();
        final DistributorProperties distributor = new DistributorProperties();
        final ValidationProperties validation = new ValidationProperties();
        final TributaryProperties tributary = new TributaryProperties();
        final BlocksStorageProperties blocksStorage = new BlocksStorageProperties();
        final BlocksStorageProperties.S3 s3 = blocksStorage.getS3();
        final BlocksStorageProperties.Tsdb tsdb = blocksStorage.getTsdb();
    }

    private static List<SettingsViolation> validate(Settings s) {
        return new SettingsValidator().validate(s.ingestStorage, s.distributor, s.validation, s.tributary,
                s.blocksStorage);
    }

    /** S3 as the backend, with a bucket at an S3-compatible endpoint: valid, and the base of the S3 cases. */
    private static void s3Bucket(Settings s) {
        s.blocksStorage.setBackend(BlocksBackend.S3);
        s.s3.setBucketName("mimir-blocks");
        s.s3.setEndpoint("minio.storage:9000");
    }

    private static Arguments rejected(String sentence, Consumer<Settings> change, SettingsViolation... expected) {
        return arguments(named(sentence, change), List.of(expected));
    }

    private static Arguments accepted(String sentence, Consumer<Settings> change) {
        return arguments(named(sentence, change), List.of());
    }

    private static SettingsViolation v(String key, String value, String message) {
        return new SettingsViolation(key, value, message);
    }

    private static void oauthbearerToken(Settings s) {
        s.kafka.setSaslMechanism(SaslMechanism.OAUTHBEARER);
        s.kafka.setSaslOauthbearerToken(Secret.of("eyJhbGciOi"));
    }

    private static void mskStaticKeys(Settings s) {
        s.kafka.setSaslMechanism(SaslMechanism.AWS_MSK_IAM);
        s.kafka.setSaslMskIamAccessKey("AKIAIOSFODNN7EXAMPLE");
        s.kafka.setSaslMskIamSecretKey(Secret.of("wJalrXUtnFEMI"));
    }

    private static DistributorProperties.TenantLimits tenant(Double rate, Integer burst) {
        DistributorProperties.TenantLimits limits = new DistributorProperties.TenantLimits();
        limits.setIngestionRateLimit(rate);
        limits.setIngestionBurstSize(burst);
        return limits;
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("tributary-settings-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String file(String name) {
        try {
            Path file = Files.writeString(DIR.resolve(name), "-----BEGIN CERTIFICATE-----\n");
            file.toFile().deleteOnExit();
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
