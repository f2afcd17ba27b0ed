package io.tributary.verify;

import io.tributary.protocol.RecordVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The seed's first verification step, "the distributors are producing records: Produce API acknowledgements",
 * made executable: one canary record produced to partition 0 with the distributor's producer settings (acks=all,
 * idempotence), and the broker's acknowledgement with its offset. The record is an empty write request of the
 * canary tenant, which partition readers (Tributary's and Mimir's) consume as a no-op.
 */
public class ProduceCanaryCheck extends DescribedCheck {

    public static final String ID = "produce-canary";

    private static final int PARTITION = 0;

    private final KafkaProbe kafka;

    public ProduceCanaryCheck(KafkaProbe kafka) {
        super(ID, "Canary record produced and acknowledged", Set.of(TopicExistsCheck.ID));
        this.kafka = kafka;
    }

    @Override
    public java.time.Duration timeout() {
        // The producer gives up after ingest-storage.kafka.write-timeout; the check reports that, not its own limit.
        return kafka.settings().getWriteTimeout().plusSeconds(10);
    }

    @Override
    public CheckResult run() throws Exception {
        Producer<byte[], byte[]> producer = null;
        long started = System.nanoTime();
        try {
            producer = kafka.producer();
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(kafka.topic(), PARTITION, null,
                    Canary.TENANT.getBytes(StandardCharsets.UTF_8), new byte[0],
                    List.of(new RecordHeader(RecordVersion.HEADER_KEY, RecordVersion.V1.headerValue())));
            RecordMetadata acked = producer.send(record).get(kafka.settings().getWriteTimeout().toMillis() + 2_000,
                    TimeUnit.MILLISECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            return CheckResult.pass("Produce API acknowledged a canary record of tenant " + Canary.TENANT + " on "
                    + kafka.topic() + "/" + acked.partition() + " at offset " + acked.offset() + " after " + millis
                    + " ms (acks=all, so every in-sync replica has it).");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return CheckResult.fail("producing a canary record to " + kafka.topic() + "/" + PARTITION + " failed after "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms: " + kafka.explain(e),
                    "Writes fail the same way. Fix what the evidence names; a WRITE permission on the topic and, with "
                            + "idempotence, IDEMPOTENT_WRITE on the cluster are needed.");
        } finally {
            KafkaProbe.close(producer);
        }
    }
}
