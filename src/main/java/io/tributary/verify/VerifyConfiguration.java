package io.tributary.verify;

import io.tributary.config.Target;
import io.tributary.config.ValidatedSettings;
import io.tributary.consumer.PartitionReaders;
import io.tributary.ingest.PushService;
import io.tributary.kafka.KafkaBootstrap;
import io.tributary.query.ReadConsistencyGate;
import io.tributary.query.TenantStorage;
import io.tributary.storage.bucket.Bucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the verification checks of a running server: the Kafka-level checks, and the process-level ones with
 * whatever roles this process runs (a role it lacks makes its check SKIPPED with the reason), plus the actuator
 * endpoint {@code /actuator/checks}.
 */
@Configuration(proxyBeanMethods = false)
public class VerifyConfiguration {

    /** Requests of a check; short so that a dead broker fails the run in seconds. */
    static final Duration KAFKA_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /** Runs kept for the console's history. */
    static final int HISTORY = 20;

    @Bean(destroyMethod = "close")
    CheckRunner checkRunner(ValidatedSettings settings, KafkaBootstrap bootstrap, ObjectProvider<PartitionReaders> readers,
            ObjectProvider<PushService> push, ObjectProvider<TenantStorage> storage,
            ObjectProvider<ReadConsistencyGate> gate, ObjectProvider<Bucket> bucket, ApplicationContext context) {
        KafkaProbe kafka = new KafkaProbe(settings.kafka(), bootstrap, KAFKA_REQUEST_TIMEOUT);
        Target target = settings.tributary().getTarget();
        String role = "tributary.target=" + target.name().toLowerCase();
        List<Check> checks = new ArrayList<>(VerificationChecks.kafkaLevel(kafka, settings));
        checks.add(new PartitionConsumersCheck(readers.getIfAvailable(), kafka,
                "this process runs no partition readers (" + role + "); run the checks on an ingester"));
        String instance = settings.tributary().getInstanceId().isBlank() ? "tributary" : settings.tributary().getInstanceId();
        checks.add(new EndToEndCanaryCheck(push.getIfAvailable(), storage.getIfAvailable(), gate.getIfAvailable(), instance,
                settings.kafka().getWaitStrongReadConsistencyTimeout(), "writing and reading back in one process needs "
                + "the distributor and the ingester in it (tributary.target=all); this process has " + role
                + ": remote-write to a distributor and read from an ingester by hand, or run the checks on a target=all instance"));
        checks.add(new BlocksUploadedCheck(bucket.getIfAvailable(), settings.blocksStorage().getTsdb().getBlockRangesPeriod(),
                Instant.ofEpochMilli(context.getStartupDate()), Clock.systemUTC(),
                "this process cuts no blocks (" + role + "); run the checks on an ingester"));
        return new CheckRunner(checks, HISTORY, Clock.systemUTC(), new RunHistoryFile(settings.tributary().getDataDir()));
    }

    @Bean
    ChecksEndpoint checksEndpoint(CheckRunner runner) {
        return new ChecksEndpoint(runner);
    }
}
