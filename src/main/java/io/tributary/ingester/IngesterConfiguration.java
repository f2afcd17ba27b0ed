package io.tributary.ingester;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.config.BlocksStorageBucket;
import io.tributary.config.BlocksStorageProperties;
import io.tributary.config.IngesterProperties;
import io.tributary.config.ValidatedSettings;
import io.tributary.consumer.PartitionReaders;
import io.tributary.consumer.ReaderConsumers;
import io.tributary.kafka.KafkaBootstrap;
import io.tributary.kafka.KafkaClientProperties;
import io.tributary.kafka.TopicProvisioner;
import io.tributary.protocol.LabelBytesInterner;
import io.tributary.query.ReadConsistencyGate;
import io.tributary.query.TenantStorage;
import io.tributary.storage.HeadOptions;
import io.tributary.storage.bucket.Bucket;
import io.tributary.storage.bucket.BucketFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the ingester role (every target but {@code distributor}): partition readers into per-tenant heads,
 * block cutting and upload, local blocks, and the readiness gate.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(IngesterConfiguration.RUNS_INGESTER)
public class IngesterConfiguration {

    /** True unless the process runs only the distributor role. */
    public static final String RUNS_INGESTER = "!'${tributary.target:all}'.equalsIgnoreCase('distributor')";

    private static Path tsdbDir(ValidatedSettings settings) {
        return settings.blocksStorage().getTsdb().resolvedDir(settings.tributary().getDataDir());
    }

    private static Duration blockRange(ValidatedSettings settings) {
        return settings.blocksStorage().getTsdb().getBlockRangesPeriod();
    }

    @Bean(destroyMethod = "close")
    LocalBlocks localBlocks(ValidatedSettings settings) {
        BlocksStorageProperties.Tsdb tsdb = settings.blocksStorage().getTsdb();
        LocalBlocks blocks = new LocalBlocks(tsdbDir(settings), tsdb.getRetentionPeriod().toMillis());
        blocks.load();
        return blocks;
    }

    @Bean
    TenantDatabases tenantDatabases(ValidatedSettings settings, IngesterProperties ingester, LocalBlocks blocks,
            MeterRegistry registry, ObjectProvider<LabelBytesInterner> writePathLabelKeys) {
        HeadOptions options = new HeadOptions(blockRange(settings).toMillis(), ingester.getMaxGlobalSeriesPerUser());
        // With a distributor in the process (target=all), series caches share its label-set key arrays.
        return new TenantDatabases(options, ReplayCheckpoint.load(tsdbDir(settings)), blocks, registry,
                writePathLabelKeys.getIfAvailable(() -> LabelBytesInterner.COPY), IngestionConcurrency.of(settings.kafka()));
    }

    @Bean
    PartitionReaders partitionReaders(ValidatedSettings settings, KafkaBootstrap bootstrap, TopicProvisioner topic,
            TenantDatabases databases, MeterRegistry registry) {
        return new PartitionReaders(settings.kafka(), settings.tributary(), topic,
                new ReaderConsumers() {
                    @Override
                    public Consumer<byte[], byte[]> reader(String group) {
                        return new KafkaConsumer<>(
                                KafkaClientProperties.partitionReader(settings.kafka(), bootstrap.consumer(), group));
                    }

                    @Override
                    public Consumer<byte[], byte[]> fetcher(int maxBytes) {
                        return new KafkaConsumer<>(
                                KafkaClientProperties.concurrentFetcher(settings.kafka(), bootstrap.consumer(), maxBytes));
                    }
                },
                () -> Admin.create(KafkaClientProperties.admin(settings.kafka(), bootstrap.admin())),
                databases, registry);
    }

    @Bean(destroyMethod = "close")
    Bucket blocksBucket(ValidatedSettings settings) {
        return BucketFactory.open(BlocksStorageBucket.config(settings));
    }

    @Bean
    BlockCutterLoop blockCutterLoop(ValidatedSettings settings, TenantDatabases databases, LocalBlocks blocks,
            Bucket bucket, PartitionReaders readers, MeterRegistry registry) {
        String owner = settings.tributary().getInstanceId() + "/" + settings.tributary().getOwnedPartitions();
        BlockCutter cutter = new BlockCutter(databases, blocks, bucket, blockRange(settings).toMillis(),
                owner, readers::ownedPartitions, readers::caughtUp, partitions -> drainedPartitions(readers, partitions),
                System::currentTimeMillis, registry);
        return new BlockCutterLoop(cutter, blocks, blockRange(settings));
    }

    private static Set<Integer> drainedPartitions(PartitionReaders readers, Set<Integer> partitions) {
        try {
            return readers.awaitConsumedToEnd(partitions, Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        }
    }

    @Bean
    TopicRetentionWarning topicRetentionWarning(ValidatedSettings settings, KafkaBootstrap bootstrap) {
        return new TopicRetentionWarning(() -> Admin.create(KafkaClientProperties.admin(settings.kafka(), bootstrap.admin())),
                settings.kafka().getTopic(), blockRange(settings));
    }

    @Bean
    TenantStorage tenantStorage(TenantDatabases databases) {
        return databases::querier;
    }

    @Bean
    ReadConsistencyGate readConsistencyGate(ValidatedSettings settings, PartitionReaders readers) {
        return new StrongReadGate(readers, settings.ingestStorage().getReadConsistency(),
                settings.kafka().getWaitStrongReadConsistencyTimeout());
    }

    @Bean("ingesterHealthIndicator")
    IngesterReadiness ingesterReadiness(PartitionReaders readers) {
        return new IngesterReadiness(readers);
    }
}
