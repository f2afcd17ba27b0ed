package io.tributary.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.config.ValidatedSettings;
import io.tributary.config.ValidationProperties;
import io.tributary.distributor.DistributorConfiguration;
import io.tributary.distributor.PartitionMapper;
import io.tributary.distributor.PartitionWriter;
import io.tributary.distributor.RecordFormat;
import io.tributary.kafka.TopicProvisioner;
import io.tributary.protocol.LabelBytesInterner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the remote-write endpoint's collaborators from the validated settings. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(DistributorConfiguration.RUNS_DISTRIBUTOR)
public class WritePathConfiguration {

    @Bean
    WriteRequestProcessor writeRequestProcessor(ValidatedSettings settings, PartitionMapper partitionMapper) {
        ValidationProperties validation = settings.validation();
        ValidationLimits limits = new ValidationLimits(validation.getMaxLabelNamesPerSeries(),
                validation.getMaxLengthLabelName(), validation.getMaxLengthLabelValue(),
                validation.getCreateGracePeriod(), validation.getPastGracePeriod());
        RecordFormat format = new RecordFormat(settings.kafka().getProducerRecordVersion(),
                settings.kafka().getProducerMaxRecordSizeBytes());
        return new WriteRequestProcessor(limits, format, partitionMapper);
    }

    /** The write path's label-set keys, which partition readers in the same process share (target=all). */
    @Bean
    LabelBytesInterner labelBytesInterner(WriteRequestProcessor processor) {
        return processor.labelBytesInterner();
    }

    @Bean
    PushService pushService(WriteRequestProcessor processor, PartitionWriter writer, TopicProvisioner topic,
                            ValidatedSettings settings, MeterRegistry registry) {
        return new PushService(processor, new TenantRateLimiter(settings.distributor()), writer,
                topic::partitionCount, settings.distributor(), registry);
    }
}
