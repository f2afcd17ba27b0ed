package io.tributary.config;

import java.util.List;

/**
 * Checks the whole settings tree and returns every violation at once, so an operator fixes a configuration in
 * one round instead of one restart per mistake. Plain Java: callable without Spring, e.g. by the console before
 * it saves settings.
 */
public final class SettingsValidator {

    /**
     * Every violation found, in a stable order (connection, auth, TLS, producer, consumer, Kafka flavor, limits,
     * tributary, access, blocks storage).
     */
    public List<SettingsViolation> validate(IngestStorageProperties ingestStorage, DistributorProperties distributor,
                                            ValidationProperties validation, TributaryProperties tributary,
                                            BlocksStorageProperties blocksStorage) {
        Violations out = new Violations();
        ConnectionRules.check(ingestStorage, out);
        KafkaSettings kafka = ingestStorage.getKafka();
        AuthRules.check(kafka, out);
        TlsRules.check(kafka, out);
        ProducerRules.check(kafka, out);
        ConsumerRules.check(kafka, out);
        FlavorRules.check(tributary.getKafkaFlavor(), kafka, out);
        LimitsRules.check(distributor, validation, out);
        TributaryRules.check(tributary, out);
        AccessRules.check(tributary, out);
        BlocksStorageRules.check(blocksStorage, out);
        return out.toList();
    }
}
