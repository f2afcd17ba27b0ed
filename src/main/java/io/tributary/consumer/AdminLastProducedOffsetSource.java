package io.tributary.consumer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;

/**
 * Last produced offsets from ListOffsets(latest) on the admin client, whose connections carry no fetches (the
 * admin client is shared by every reader and the last-produced-offset poller; it is thread-safe).
 */
final class AdminLastProducedOffsetSource implements LastProducedOffsetSource {
    private final Supplier<Admin> admin;

    /** @param admin the admin client in use now (replaced when new settings are applied) */
    AdminLastProducedOffsetSource(Supplier<Admin> admin) {
        this.admin = admin;
    }

    @Override
    public long lastProducedOffset(TopicPartition partition, Duration timeout) {
        try {
            return admin.get().listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset() - 1;
        } catch (ExecutionException e) {
            throw new KafkaException("asking for the last produced offset of " + partition + " failed: " + e.getCause(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new org.apache.kafka.common.errors.TimeoutException("the last produced offset of " + partition
                    + " was not answered within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        }
    }
}
