package io.tributary.console;

import io.tributary.config.Target;
import io.tributary.config.ValidatedSettings;
import io.tributary.kafka.KafkaBootstrap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.Locale;

/** Builds the {@link InstanceSummary} from the validated settings and the Kafka client seam. */
@Component
public class InstanceSummaries {

    private final ValidatedSettings settings;
    private final ObjectProvider<KafkaBootstrap> bootstrap;

    public InstanceSummaries(ValidatedSettings settings, ObjectProvider<KafkaBootstrap> bootstrap) {
        this.settings = settings;
        this.bootstrap = bootstrap;
    }

    public InstanceSummary current() {
        KafkaBootstrap kafka = bootstrap.getIfAvailable();
        String address = settings.kafka().getAddress();
        boolean embedded = false;
        if (kafka != null) {
            embedded = kafka.isEmbedded();
            try {
                address = kafka.admin();
            } catch (IllegalStateException notConfigured) {
                // Only produce/consume endpoints are set; the configured address (empty) is what there is to show.
            }
        }
        Target target = settings.tributary().getTarget();
        return new InstanceSummary(target.name().toLowerCase(Locale.ROOT), settings.tributary().getInstanceId(),
                address, embedded, settings.kafka().getTopic());
    }
}
