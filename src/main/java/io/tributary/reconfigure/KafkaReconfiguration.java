package io.tributary.reconfigure;

import io.tributary.config.KafkaFlavor;
import io.tributary.config.KafkaSettings;
import io.tributary.config.ValidatedSettings;
import io.tributary.config.edit.SettingDefinition;
import io.tributary.config.edit.SettingsCatalog;
import io.tributary.consumer.PartitionReaders;
import io.tributary.distributor.KafkaPartitionWriter;
import io.tributary.kafka.KafkaClusterHealthIndicator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Makes the running process use new Kafka settings without a restart: the live settings object (which every
 * client factory reads) takes the new client settings, then the producer, the partition readers' consumers and
 * admin client, and the health check's admin client are rebuilt. Settings read only at startup (topic, consumer
 * group, start position...) are kept as they are and reported as waiting for a restart.
 */
@Component
public class KafkaReconfiguration {
    private static final Logger log = LoggerFactory.getLogger(KafkaReconfiguration.class);

    private final ValidatedSettings settings;
    private final SettingsCatalog catalog;
    private final ObjectProvider<KafkaPartitionWriter> writer;
    private final ObjectProvider<PartitionReaders> readers;
    private final ObjectProvider<KafkaClusterHealthIndicator> health;

    public KafkaReconfiguration(ValidatedSettings settings, SettingsCatalog catalog,
            ObjectProvider<KafkaPartitionWriter> writer, ObjectProvider<PartitionReaders> readers,
            ObjectProvider<KafkaClusterHealthIndicator> health) {
        this.settings = settings;
        this.catalog = catalog;
        this.writer = writer;
        this.readers = readers;
        this.health = health;
    }

    /** What an apply did. */
    public record Outcome(List<String> appliedLive, List<String> waitingForRestart) {
    }

    /**
     * @param candidate the validated candidate {@code ingest-storage.kafka} settings
     * @param flavor    the candidate {@code tributary.kafka-flavor}
     */
    public synchronized Outcome apply(KafkaSettings candidate, KafkaFlavor flavor) {
        KafkaSettings live = settings.kafka();
        KafkaSettings next = candidate.snapshot();
        BeanWrapper nextValues = PropertyAccessorFactory.forBeanPropertyAccess(next);
        BeanWrapper liveValues = PropertyAccessorFactory.forBeanPropertyAccess(live.snapshot());
        List<String> applied = new ArrayList<>();
        List<String> waiting = new ArrayList<>();
        for (SettingDefinition d : catalog.all()) {
            if (!d.key().startsWith(SettingsCatalog.KAFKA_PREFIX)) {
                continue;
            }
            String property = camel(d.shortKey());
            Object before = liveValues.getPropertyValue(property);
            if (Objects.equals(before, nextValues.getPropertyValue(property))) {
                continue;
            }
            if (d.live()) {
                applied.add(d.key());
            } else {
                waiting.add(d.key());
                nextValues.setPropertyValue(property, before);
            }
        }
        if (flavor != settings.tributary().getKafkaFlavor()) {
            settings.tributary().setKafkaFlavor(flavor);
            applied.add(SettingsCatalog.FLAVOR_KEY);
        }
        live.copyFrom(next);
        if (applied.stream().anyMatch(k -> k.startsWith(SettingsCatalog.KAFKA_PREFIX))) {
            writer.ifAvailable(KafkaPartitionWriter::reconnect);
            readers.ifAvailable(PartitionReaders::reconnect);
            health.ifAvailable(KafkaClusterHealthIndicator::reconnect);
        }
        log.info("settings applied: {} changed live, {} take effect at the next restart", applied, waiting);
        return new Outcome(applied, waiting);
    }

    /** Settings saved but read only at startup, so not in effect yet: key list, for the settings page. */
    public List<String> waitingForRestart(KafkaSettings saved) {
        BeanWrapper savedValues = PropertyAccessorFactory.forBeanPropertyAccess(saved);
        BeanWrapper liveValues = PropertyAccessorFactory.forBeanPropertyAccess(settings.kafka().snapshot());
        List<String> waiting = new ArrayList<>();
        for (SettingDefinition d : catalog.all()) {
            if (d.key().startsWith(SettingsCatalog.KAFKA_PREFIX) && !d.live()) {
                String property = camel(d.shortKey());
                if (!Objects.equals(liveValues.getPropertyValue(property), savedValues.getPropertyValue(property))) {
                    waiting.add(d.key());
                }
            }
        }
        return waiting;
    }

    static String camel(String kebab) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
