package io.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class FlavorRulesTest {

    private static final String K = "ingest-storage.kafka.";

    private final IngestStorageProperties ingestStorage = new IngestStorageProperties();
    private final KafkaSettings kafka = ingestStorage.getKafka();
    private final TributaryProperties tributary = new TributaryProperties();

    private List<SettingsViolation> validate() {
        return new SettingsValidator().validate(ingestStorage, new DistributorProperties(), new ValidationProperties(),
                tributary, new BlocksStorageProperties());
    }

    @Test
    void everyFlavorsPresetSatisfiesItsOwnRules() {
        for (KafkaFlavor flavor : KafkaFlavor.values()) {
            Map<String, String> values = new HashMap<>();
            flavor.preset().forEach((key, preset) -> values.put(K + key, preset.value()));
            IngestStorageProperties preset = new Binder(new MapConfigurationPropertySource(values))
                    .bindOrCreate("ingest-storage", IngestStorageProperties.class);
            // A preset names the mechanism; the operator still supplies the credentials.
            preset.getKafka().setSaslPassword(Secret.of("secret"));
            Violations out = new Violations();

            FlavorRules.check(flavor, preset.getKafka(), out);

            assertThat(out.toList()).as(flavor.displayName()).isEmpty();
        }
    }

    @Test
    void warpStreamNeedsUncompressedFetchSizingAndNoRack() {
        tributary.setKafkaFlavor(KafkaFlavor.WARPSTREAM);
        kafka.setClientRack("eu-west-1a");

        assertThat(validate()).extracting(SettingsViolation::key)
                .containsExactly(K + "use-compressed-bytes-as-fetch-max-bytes", K + "client-rack");
        assertThat(validate().get(0).message()).isEqualTo(K + "use-compressed-bytes-as-fetch-max-bytes must be false on"
                + " WarpStream (tributary.kafka-flavor=warpstream): WarpStream reads a fetch's MaxBytes as uncompressed bytes");

        kafka.setUseCompressedBytesAsFetchMaxBytes(false);
        kafka.setClientRack("");
        assertThat(validate()).isEmpty();
    }

    @Test
    void eventHubsNeedsTlsAndNoCompression() {
        tributary.setKafkaFlavor(KafkaFlavor.AZURE_EVENT_HUBS);

        assertThat(validate()).extracting(SettingsViolation::message).containsExactly(
                K + "producer-compression must be none on Azure Event Hubs (tributary.kafka-flavor=azure-event-hubs):"
                        + " Event Hubs refuses compressed batches",
                K + "tls-enabled must be true on Azure Event Hubs (tributary.kafka-flavor=azure-event-hubs):"
                        + " Event Hubs accepts TLS connections only");
    }

    @Test
    void mskOffersOnlyIamAndScramSha512AndBothNeedTls() {
        tributary.setKafkaFlavor(KafkaFlavor.AWS_MSK);
        kafka.setSaslMechanism(SaslMechanism.SCRAM_SHA_256);
        kafka.setSaslUsername("alice");
        kafka.setSaslPassword(Secret.of("pw"));
        assertThat(validate()).extracting(SettingsViolation::key).containsExactly(K + "sasl-mechanism");
        assertThat(validate().get(0).message()).doesNotContain("pw");

        kafka.setSaslMechanism(SaslMechanism.SCRAM_SHA_512);
        assertThat(validate()).extracting(SettingsViolation::key).containsExactly(K + "tls-enabled");

        kafka.setTlsEnabled(true);
        assertThat(validate()).isEmpty();

        // MSK's unauthenticated listeners: no SASL at all is fine.
        kafka.setSaslMechanism(SaslMechanism.PLAIN);
        kafka.setSaslUsername("");
        kafka.setSaslPassword(Secret.empty());
        kafka.setTlsEnabled(false);
        assertThat(validate()).isEmpty();
    }

    @Test
    void confluentNeedsTls() {
        tributary.setKafkaFlavor(KafkaFlavor.CONFLUENT);
        assertThat(validate()).extracting(SettingsViolation::key).containsExactly(K + "tls-enabled");
    }

    @Test
    void theFlavorBindsFromItsKebabName() {
        TributaryProperties bound = new Binder(new MapConfigurationPropertySource(
                Map.of("tributary.kafka-flavor", "azure-event-hubs")))
                .bind("tributary", TributaryProperties.class).get();
        assertThat(bound.getKafkaFlavor()).isEqualTo(KafkaFlavor.AZURE_EVENT_HUBS);
        assertThat(new TributaryProperties().getKafkaFlavor()).isEqualTo(KafkaFlavor.GENERIC);
    }
}
