package io.tributary.config;

import java.time.Duration;

/**
 * The {@code ingest-storage.kafka.*} settings: connection, authentication, TLS, producer, consumer,
 * consistency and topic creation. Names and defaults are Mimir's (and the seed documents'), so a Mimir
 * configuration carries over; each property's Javadoc sentence is its help text.
 */
public class KafkaSettings {

    /** Seed broker(s), comma-separated host:port; empty starts the in-process evaluation broker. */
    private String address = "";

    /** Broker address(es) the distributor produces to; empty = {@code address}. */
    private String produceEndpoint = "";

    /** Broker address(es) the partition readers consume from; empty = {@code address}. */
    private String consumeEndpoint = "";

    /** The single topic all tenants write to. */
    private String topic = "ingest";

    /** Kafka client.id; empty lets the client choose one. */
    private String clientId = "";

    /** Kafka client.rack, for rack-aware fetching from the closest replica. */
    private String clientRack = "";

    /** Timeout to establish a connection (TCP and TLS handshake) to a broker. */
    private Duration dialTimeout = Duration.ofSeconds(2);

    /** SASL mechanism; PLAIN with no username and no password means SASL is off. */
    private SaslMechanism saslMechanism = SaslMechanism.PLAIN;

    /** Username for PLAIN and SCRAM. */
    private String saslUsername = "";

    /** Password for PLAIN and SCRAM. */
    private Secret saslPassword = Secret.empty();

    /** Static OAUTHBEARER token. */
    private Secret saslOauthbearerToken = Secret.empty();

    /** Authorization id sent with the static OAUTHBEARER token. */
    private String saslOauthbearerZid = "";

    /** SASL extensions sent with the static OAUTHBEARER token, as a JSON object of strings. */
    private Secret saslOauthbearerExtensions = Secret.empty();

    /** JSON file with the OAUTHBEARER credentials, re-read at every (re)authentication. */
    private String saslOauthbearerFilePath = "";

    /** Unix socket of an HTTP server that returns the OAUTHBEARER credentials on GET /. */
    private String saslOauthbearerHttpSocketPath = "";

    /** Timeout of one request to the OAUTHBEARER credentials socket. */
    private Duration saslOauthbearerHttpSocketTimeout = Duration.ofSeconds(10);

    /** Static AWS access key id for AWS_MSK_IAM. */
    private String saslMskIamAccessKey = "";

    /** Static AWS secret access key for AWS_MSK_IAM. */
    private Secret saslMskIamSecretKey = Secret.empty();

    /** Static AWS session token for AWS_MSK_IAM (optional). */
    private Secret saslMskIamSessionToken = Secret.empty();

    /** User agent sent when signing AWS_MSK_IAM authentication (optional). */
    private String saslMskIamUserAgent = "";

    /** JSON file with the AWS_MSK_IAM credentials, re-read at every (re)authentication. */
    private String saslMskIamFilePath = "";

    /** Unix socket of an HTTP server that returns the AWS_MSK_IAM credentials on GET /. */
    private String saslMskIamHttpSocketPath = "";

    /** Timeout of one request to the AWS_MSK_IAM credentials socket. */
    private Duration saslMskIamHttpSocketTimeout = Duration.ofSeconds(10);

    /** Connect to the brokers over TLS. */
    private boolean tlsEnabled = false;

    /** PEM CA bundle that verifies the broker certificates; empty = the JVM's trusted roots. */
    private String tlsCaPath = "";

    /** PEM client certificate for mTLS; requires tls-key-path. */
    private String tlsCertPath = "";

    /** PEM private key of the client certificate for mTLS; requires tls-cert-path. */
    private String tlsKeyPath = "";

    /** Name expected on the broker certificate, when it differs from the address. */
    private String tlsServerName = "";

    /** Skip verifying the broker certificate. Insecure: for testing only. */
    private boolean tlsInsecureSkipVerify = false;

    /** Comma-separated TLS cipher suites (IANA names); empty = the JVM defaults. */
    private String tlsCipherSuites = "";

    /** Lowest TLS version: VersionTLS12 or VersionTLS13 (Go spelling) or TLSv1.2/TLSv1.3; empty = TLS 1.2. */
    private String tlsMinVersion = "";

    /** How long a write may wait to be acknowledged by Kafka. */
    private Duration writeTimeout = Duration.ofSeconds(10);

    /** Deprecated in Mimir and without effect: one producer is always used. */
    private int writeClients = 1;

    /** Largest record value the producer builds; bigger requests are split by whole series (1048576..15983616). */
    private int producerMaxRecordSizeBytes = 15_983_616;

    /** Bytes buffered but not yet acknowledged by Kafka; past it writes fail fast (0 = no limit). */
    private long producerMaxBufferedBytes = 1_073_741_824L;

    /** Record compression: none, gzip, snappy, lz4, zstd; empty = snappy. */
    private String producerCompression = "";

    /** Record format version written: 0, 1 (RW1 bytes) or 2 (symbolised with Mimir's common-symbol table). */
    private int producerRecordVersion = 1;

    /** Consumer group that stores a partition reader's offset; {@code <partition>} is replaced by the partition id; empty = one group per partition. */
    private String consumerGroup = "";

    /** How often the last consumed offset is committed. */
    private Duration consumerGroupOffsetCommitInterval = Duration.ofSeconds(1);

    /** Prefer the offset file in the data directory over the consumer group at startup. */
    private boolean consumerGroupOffsetCommitFileEnforced = false;

    /** Where a partition reader starts: last-offset, start, end or timestamp. */
    private StartPosition consumeFromPositionAtStartup = StartPosition.LAST_OFFSET;

    /** Epoch milliseconds to start from when the start position is timestamp. */
    private long consumeFromTimestampAtStartup = 0L;

    /** Best-effort lag to reach before becoming ready (0 with max = 0 disables the gate). */
    private Duration targetConsumerLagAtStartup = Duration.ofSeconds(2);

    /** Lag that must be reached before becoming ready; must be >= the target lag. */
    private Duration maxConsumerLagAtStartup = Duration.ofSeconds(15);

    /** Longest time the broker holds a fetch waiting for data (5s..30s). */
    private Duration fetchMaxWait = Duration.ofSeconds(5);

    /**
     * Consumers fetching consecutive offset ranges of a partition at once while it is far behind; 0 = one plain
     * consumer. Mimir's default is 12; here 0, because the buffer is per partition (with many partitions in one
     * process it multiplies) and the gain shows only with network latency to the broker.
     */
    private int fetchConcurrencyMax = 0;

    /** Size fetches by compressed bytes; set false for WarpStream, which counts uncompressed bytes. */
    private boolean useCompressedBytesAsFetchMaxBytes = true;

    /** Cap, per partition, on bytes concurrent fetchers fetched that are not yet processed. */
    private long maxBufferedBytes = 1_000_000_000L;

    /** Most parallel append shards per tenant; 0 = sequential. */
    private int ingestionConcurrencyMax = 8;

    /** Series per batch handed to an append shard. */
    private int ingestionConcurrencyBatchSize = 150;

    /** Batches queued per append shard. */
    private int ingestionConcurrencyQueueCapacity = 3;

    /** Target flushes per shard, used to size the number of shards. */
    private int ingestionConcurrencyTargetFlushesPerShard = 40;

    /** Estimated record bytes per sample, used to size shards without decoding. */
    private int ingestionConcurrencyEstimatedBytesPerSample = 200;

    /** How often the last produced offset of each partition is polled. */
    private Duration lastProducedOffsetPollInterval = Duration.ofSeconds(1);

    /** Retry budget of a failed last-produced-offset request. */
    private Duration lastProducedOffsetRetryTimeout = Duration.ofSeconds(10);

    /** Longest time a strongly consistent read waits; 0 = no limit. */
    private Duration waitStrongReadConsistencyTimeout = Duration.ofSeconds(20);

    /** Create the topic at startup when it does not exist. */
    private boolean autoCreateTopicEnabled = true;

    /** Partitions of an auto-created topic; -1 = the broker's num.partitions. */
    private int autoCreateTopicDefaultPartitions = -1;

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getProduceEndpoint() {
        return produceEndpoint;
    }

    public void setProduceEndpoint(String produceEndpoint) {
        this.produceEndpoint = produceEndpoint;
    }

    public String getConsumeEndpoint() {
        return consumeEndpoint;
    }

    public void setConsumeEndpoint(String consumeEndpoint) {
        this.consumeEndpoint = consumeEndpoint;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientRack() {
        return clientRack;
    }

    public void setClientRack(String clientRack) {
        this.clientRack = clientRack;
    }

    public Duration getDialTimeout() {
        return dialTimeout;
    }

    public void setDialTimeout(Duration dialTimeout) {
        this.dialTimeout = dialTimeout;
    }

    public SaslMechanism getSaslMechanism() {
        return saslMechanism;
    }

    public void setSaslMechanism(SaslMechanism saslMechanism) {
        this.saslMechanism = saslMechanism;
    }

    public String getSaslUsername() {
        return saslUsername;
    }

    public void setSaslUsername(String saslUsername) {
        this.saslUsername = saslUsername;
    }

    public Secret getSaslPassword() {
        return saslPassword;
    }

    public void setSaslPassword(Secret saslPassword) {
        this.saslPassword = saslPassword;
    }

    public Secret getSaslOauthbearerToken() {
        return saslOauthbearerToken;
    }

    public void setSaslOauthbearerToken(Secret saslOauthbearerToken) {
        this.saslOauthbearerToken = saslOauthbearerToken;
    }

    public String getSaslOauthbearerZid() {
        return saslOauthbearerZid;
    }

    public void setSaslOauthbearerZid(String saslOauthbearerZid) {
        this.saslOauthbearerZid = saslOauthbearerZid;
    }

    public Secret getSaslOauthbearerExtensions() {
        return saslOauthbearerExtensions;
    }

    public void setSaslOauthbearerExtensions(Secret saslOauthbearerExtensions) {
        this.saslOauthbearerExtensions = saslOauthbearerExtensions;
    }

    public String getSaslOauthbearerFilePath() {
        return saslOauthbearerFilePath;
    }

    public void setSaslOauthbearerFilePath(String saslOauthbearerFilePath) {
        this.saslOauthbearerFilePath = saslOauthbearerFilePath;
    }

    public String getSaslOauthbearerHttpSocketPath() {
        return saslOauthbearerHttpSocketPath;
    }

    public void setSaslOauthbearerHttpSocketPath(String saslOauthbearerHttpSocketPath) {
        this.saslOauthbearerHttpSocketPath = saslOauthbearerHttpSocketPath;
    }

    public Duration getSaslOauthbearerHttpSocketTimeout() {
        return saslOauthbearerHttpSocketTimeout;
    }

    public void setSaslOauthbearerHttpSocketTimeout(Duration saslOauthbearerHttpSocketTimeout) {
        this.saslOauthbearerHttpSocketTimeout = saslOauthbearerHttpSocketTimeout;
    }

    public String getSaslMskIamAccessKey() {
        return saslMskIamAccessKey;
    }

    public void setSaslMskIamAccessKey(String saslMskIamAccessKey) {
        this.saslMskIamAccessKey = saslMskIamAccessKey;
    }

    public Secret getSaslMskIamSecretKey() {
        return saslMskIamSecretKey;
    }

    public void setSaslMskIamSecretKey(Secret saslMskIamSecretKey) {
        this.saslMskIamSecretKey = saslMskIamSecretKey;
    }

    public Secret getSaslMskIamSessionToken() {
        return saslMskIamSessionToken;
    }

    public void setSaslMskIamSessionToken(Secret saslMskIamSessionToken) {
        this.saslMskIamSessionToken = saslMskIamSessionToken;
    }

    public String getSaslMskIamUserAgent() {
        return saslMskIamUserAgent;
    }

    public void setSaslMskIamUserAgent(String saslMskIamUserAgent) {
        this.saslMskIamUserAgent = saslMskIamUserAgent;
    }

    public String getSaslMskIamFilePath() {
        return saslMskIamFilePath;
    }

    public void setSaslMskIamFilePath(String saslMskIamFilePath) {
        this.saslMskIamFilePath = saslMskIamFilePath;
    }

    public String getSaslMskIamHttpSocketPath() {
        return saslMskIamHttpSocketPath;
    }

    public void setSaslMskIamHttpSocketPath(String saslMskIamHttpSocketPath) {
        this.saslMskIamHttpSocketPath = saslMskIamHttpSocketPath;
    }

    public Duration getSaslMskIamHttpSocketTimeout() {
        return saslMskIamHttpSocketTimeout;
    }

    public void setSaslMskIamHttpSocketTimeout(Duration saslMskIamHttpSocketTimeout) {
        this.saslMskIamHttpSocketTimeout = saslMskIamHttpSocketTimeout;
    }

    public boolean isTlsEnabled() {
        return tlsEnabled;
    }

    public void setTlsEnabled(boolean tlsEnabled) {
        this.tlsEnabled = tlsEnabled;
    }

    public String getTlsCaPath() {
        return tlsCaPath;
    }

    public void setTlsCaPath(String tlsCaPath) {
        this.tlsCaPath = tlsCaPath;
    }

    public String getTlsCertPath() {
        return tlsCertPath;
    }

    public void setTlsCertPath(String tlsCertPath) {
        this.tlsCertPath = tlsCertPath;
    }

    public String getTlsKeyPath() {
        return tlsKeyPath;
    }

    public void setTlsKeyPath(String tlsKeyPath) {
        this.tlsKeyPath = tlsKeyPath;
    }

    public String getTlsServerName() {
        return tlsServerName;
    }

    public void setTlsServerName(String tlsServerName) {
        this.tlsServerName = tlsServerName;
    }

    public boolean isTlsInsecureSkipVerify() {
        return tlsInsecureSkipVerify;
    }

    public void setTlsInsecureSkipVerify(boolean tlsInsecureSkipVerify) {
        this.tlsInsecureSkipVerify = tlsInsecureSkipVerify;
    }

    public String getTlsCipherSuites() {
        return tlsCipherSuites;
    }

    public void setTlsCipherSuites(String tlsCipherSuites) {
        this.tlsCipherSuites = tlsCipherSuites;
    }

    public String getTlsMinVersion() {
        return tlsMinVersion;
    }

    public void setTlsMinVersion(String tlsMinVersion) {
        this.tlsMinVersion = tlsMinVersion;
    }

    public Duration getWriteTimeout() {
        return writeTimeout;
    }

    public void setWriteTimeout(Duration writeTimeout) {
        this.writeTimeout = writeTimeout;
    }

    public int getWriteClients() {
        return writeClients;
    }

    public void setWriteClients(int writeClients) {
        this.writeClients = writeClients;
    }

    public int getProducerMaxRecordSizeBytes() {
        return producerMaxRecordSizeBytes;
    }

    public void setProducerMaxRecordSizeBytes(int producerMaxRecordSizeBytes) {
        this.producerMaxRecordSizeBytes = producerMaxRecordSizeBytes;
    }

    public long getProducerMaxBufferedBytes() {
        return producerMaxBufferedBytes;
    }

    public void setProducerMaxBufferedBytes(long producerMaxBufferedBytes) {
        this.producerMaxBufferedBytes = producerMaxBufferedBytes;
    }

    public String getProducerCompression() {
        return producerCompression;
    }

    public void setProducerCompression(String producerCompression) {
        this.producerCompression = producerCompression;
    }

    public int getProducerRecordVersion() {
        return producerRecordVersion;
    }

    public void setProducerRecordVersion(int producerRecordVersion) {
        this.producerRecordVersion = producerRecordVersion;
    }

    public String getConsumerGroup() {
        return consumerGroup;
    }

    public void setConsumerGroup(String consumerGroup) {
        this.consumerGroup = consumerGroup;
    }

    public Duration getConsumerGroupOffsetCommitInterval() {
        return consumerGroupOffsetCommitInterval;
    }

    public void setConsumerGroupOffsetCommitInterval(Duration consumerGroupOffsetCommitInterval) {
        this.consumerGroupOffsetCommitInterval = consumerGroupOffsetCommitInterval;
    }

    public boolean isConsumerGroupOffsetCommitFileEnforced() {
        return consumerGroupOffsetCommitFileEnforced;
    }

    public void setConsumerGroupOffsetCommitFileEnforced(boolean consumerGroupOffsetCommitFileEnforced) {
        this.consumerGroupOffsetCommitFileEnforced = consumerGroupOffsetCommitFileEnforced;
    }

    public StartPosition getConsumeFromPositionAtStartup() {
        return consumeFromPositionAtStartup;
    }

    public void setConsumeFromPositionAtStartup(StartPosition consumeFromPositionAtStartup) {
        this.consumeFromPositionAtStartup = consumeFromPositionAtStartup;
    }

    public long getConsumeFromTimestampAtStartup() {
        return consumeFromTimestampAtStartup;
    }

    public void setConsumeFromTimestampAtStartup(long consumeFromTimestampAtStartup) {
        this.consumeFromTimestampAtStartup = consumeFromTimestampAtStartup;
    }

    public Duration getTargetConsumerLagAtStartup() {
        return targetConsumerLagAtStartup;
    }

    public void setTargetConsumerLagAtStartup(Duration targetConsumerLagAtStartup) {
        this.targetConsumerLagAtStartup = targetConsumerLagAtStartup;
    }

    public Duration getMaxConsumerLagAtStartup() {
        return maxConsumerLagAtStartup;
    }

    public void setMaxConsumerLagAtStartup(Duration maxConsumerLagAtStartup) {
        this.maxConsumerLagAtStartup = maxConsumerLagAtStartup;
    }

    public Duration getFetchMaxWait() {
        return fetchMaxWait;
    }

    public void setFetchMaxWait(Duration fetchMaxWait) {
        this.fetchMaxWait = fetchMaxWait;
    }

    public int getFetchConcurrencyMax() {
        return fetchConcurrencyMax;
    }

    public void setFetchConcurrencyMax(int fetchConcurrencyMax) {
        this.fetchConcurrencyMax = fetchConcurrencyMax;
    }

    public boolean isUseCompressedBytesAsFetchMaxBytes() {
        return useCompressedBytesAsFetchMaxBytes;
    }

    public void setUseCompressedBytesAsFetchMaxBytes(boolean useCompressedBytesAsFetchMaxBytes) {
        this.useCompressedBytesAsFetchMaxBytes = useCompressedBytesAsFetchMaxBytes;
    }

    public long getMaxBufferedBytes() {
        return maxBufferedBytes;
    }

    public void setMaxBufferedBytes(long maxBufferedBytes) {
        this.maxBufferedBytes = maxBufferedBytes;
    }

    public int getIngestionConcurrencyMax() {
        return ingestionConcurrencyMax;
    }

    public void setIngestionConcurrencyMax(int ingestionConcurrencyMax) {
        this.ingestionConcurrencyMax = ingestionConcurrencyMax;
    }

    public int getIngestionConcurrencyBatchSize() {
        return ingestionConcurrencyBatchSize;
    }

    public void setIngestionConcurrencyBatchSize(int ingestionConcurrencyBatchSize) {
        this.ingestionConcurrencyBatchSize = ingestionConcurrencyBatchSize;
    }

    public int getIngestionConcurrencyQueueCapacity() {
        return ingestionConcurrencyQueueCapacity;
    }

    public void setIngestionConcurrencyQueueCapacity(int ingestionConcurrencyQueueCapacity) {
        this.ingestionConcurrencyQueueCapacity = ingestionConcurrencyQueueCapacity;
    }

    public int getIngestionConcurrencyTargetFlushesPerShard() {
        return ingestionConcurrencyTargetFlushesPerShard;
    }

    public void setIngestionConcurrencyTargetFlushesPerShard(int ingestionConcurrencyTargetFlushesPerShard) {
        this.ingestionConcurrencyTargetFlushesPerShard = ingestionConcurrencyTargetFlushesPerShard;
    }

    public int getIngestionConcurrencyEstimatedBytesPerSample() {
        return ingestionConcurrencyEstimatedBytesPerSample;
    }

    public void setIngestionConcurrencyEstimatedBytesPerSample(int ingestionConcurrencyEstimatedBytesPerSample) {
        this.ingestionConcurrencyEstimatedBytesPerSample = ingestionConcurrencyEstimatedBytesPerSample;
    }

    public Duration getLastProducedOffsetPollInterval() {
        return lastProducedOffsetPollInterval;
    }

    public void setLastProducedOffsetPollInterval(Duration lastProducedOffsetPollInterval) {
        this.lastProducedOffsetPollInterval = lastProducedOffsetPollInterval;
    }

    public Duration getLastProducedOffsetRetryTimeout() {
        return lastProducedOffsetRetryTimeout;
    }

    public void setLastProducedOffsetRetryTimeout(Duration lastProducedOffsetRetryTimeout) {
        this.lastProducedOffsetRetryTimeout = lastProducedOffsetRetryTimeout;
    }

    public Duration getWaitStrongReadConsistencyTimeout() {
        return waitStrongReadConsistencyTimeout;
    }

    public void setWaitStrongReadConsistencyTimeout(Duration waitStrongReadConsistencyTimeout) {
        this.waitStrongReadConsistencyTimeout = waitStrongReadConsistencyTimeout;
    }

    public boolean isAutoCreateTopicEnabled() {
        return autoCreateTopicEnabled;
    }

    public void setAutoCreateTopicEnabled(boolean autoCreateTopicEnabled) {
        this.autoCreateTopicEnabled = autoCreateTopicEnabled;
    }

    public int getAutoCreateTopicDefaultPartitions() {
        return autoCreateTopicDefaultPartitions;
    }

    public void setAutoCreateTopicDefaultPartitions(int autoCreateTopicDefaultPartitions) {
        this.autoCreateTopicDefaultPartitions = autoCreateTopicDefaultPartitions;
    }


    /**
     * Takes every value of {@code other}, as one step with respect to {@link #snapshot()}: settings applied from
     * the console replace the running ones in place, because every Kafka client factory holds this object.
     */
    public synchronized void copyFrom(KafkaSettings other) {
        org.springframework.beans.BeanUtils.copyProperties(other, this);
    }

    /** A consistent copy to build one client from, never half old and half new settings. */
    public synchronized KafkaSettings snapshot() {
        KafkaSettings copy = new KafkaSettings();
        org.springframework.beans.BeanUtils.copyProperties(this, copy);
        return copy;
    }
}
