package io.tributary.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/** The {@code ingest-storage.*} settings: Mimir's ingest storage, under Mimir's names. */
@ConfigurationProperties("ingest-storage")
public class IngestStorageProperties {

    /** Accepted for Mimir configurations; Tributary always runs ingest storage, so it must stay true. */
    private boolean enabled = true;

    /** Default read consistency of queries: eventual or strong. */
    private ReadConsistency readConsistency = ReadConsistency.EVENTUAL;

    /** Connection, authentication, TLS, producer, consumer and topic settings. */
    @NestedConfigurationProperty
    private KafkaSettings kafka = new KafkaSettings();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public ReadConsistency getReadConsistency() {
        return readConsistency;
    }

    public void setReadConsistency(ReadConsistency readConsistency) {
        this.readConsistency = readConsistency;
    }

    public KafkaSettings getKafka() {
        return kafka;
    }

    public void setKafka(KafkaSettings kafka) {
        this.kafka = kafka;
    }
}
