package io.tributary.config;

import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The settings, guaranteed valid: creating this bean runs {@link SettingsValidator} over the five bound settings
 * groups and fails startup with every violation. Components that open Kafka clients or start the embedded broker
 * inject this bean rather than the raw properties, so Spring cannot create them before validation has passed.
 */
@Component
public class ValidatedSettings {

    private final IngestStorageProperties ingestStorage;
    private final DistributorProperties distributor;
    private final ValidationProperties validation;
    private final TributaryProperties tributary;
    private final BlocksStorageProperties blocksStorage;

    public ValidatedSettings(IngestStorageProperties ingestStorage, DistributorProperties distributor,
                             ValidationProperties validation, TributaryProperties tributary,
                             BlocksStorageProperties blocksStorage) {
        List<SettingsViolation> violations =
                new SettingsValidator().validate(ingestStorage, distributor, validation, tributary, blocksStorage);
        if (!violations.isEmpty()) {
            throw new InvalidSettingsException(violations);
        }
        this.ingestStorage = ingestStorage;
        this.distributor = distributor;
        this.validation = validation;
        this.tributary = tributary;
        this.blocksStorage = blocksStorage;
    }

    /** The {@code ingest-storage.*} settings. */
    public IngestStorageProperties ingestStorage() {
        return ingestStorage;
    }

    /** The {@code ingest-storage.kafka.*} settings. */
    public KafkaSettings kafka() {
        return ingestStorage.getKafka();
    }

    /** The {@code distributor.*} settings. */
    public DistributorProperties distributor() {
        return distributor;
    }

    /** The {@code validation.*} settings. */
    public ValidationProperties validation() {
        return validation;
    }

    /** The {@code tributary.*} settings. */
    public TributaryProperties tributary() {
        return tributary;
    }

    /** The {@code blocks-storage.*} settings. */
    public BlocksStorageProperties blocksStorage() {
        return blocksStorage;
    }
}
