package io.tributary.verify;

import io.tributary.ingest.PushResponse;
import io.tributary.ingest.PushService;
import io.tributary.ingest.RemoteWriteVersion;
import io.tributary.query.ReadConsistencyException;
import io.tributary.query.ReadConsistencyGate;
import io.tributary.query.TenantStorage;
import io.tributary.storage.LabelMatcher;
import io.tributary.storage.SampleCursor;
import io.tributary.storage.SeriesChunks;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The whole path in one check: a sample is remote-written (decoded, validated, produced to Kafka and acknowledged),
 * then read back with strong consistency (the query waits until the partition readers consumed what was produced
 * before it, then selects from the tenant's head). In-process, through the same services the HTTP endpoints call,
 * so it needs no credentials for the optional API auth and proves the data path rather than the HTTP layer.
 * Written as the canary tenant, once per run: a series {@code tributary_verify_canary{instance=...}} per instance.
 */
public class EndToEndCanaryCheck extends DescribedCheck {

    public static final String ID = "end-to-end-canary";

    static final String METRIC = "tributary_verify_canary";

    private final PushService push;
    private final TenantStorage storage;
    private final ReadConsistencyGate gate;
    private final String instance;
    private final Duration strongReadTimeout;
    private final String absentReason;

    /**
     * @param push, storage, gate the write and read services, any of them null when this process lacks the role
     * @param absentReason        the SKIPPED reason when one is missing
     */
    public EndToEndCanaryCheck(PushService push, TenantStorage storage, ReadConsistencyGate gate, String instance,
            Duration strongReadTimeout, String absentReason) {
        super(ID, "End-to-end canary: remote-write a sample, read it back with strong consistency",
                Set.of(TopicExistsCheck.ID));
        this.push = push;
        this.storage = storage;
        this.gate = gate;
        this.instance = instance;
        this.strongReadTimeout = strongReadTimeout;
        this.absentReason = absentReason;
    }

    @Override
    public Duration timeout() {
        return strongReadTimeout.plusSeconds(20);
    }

    @Override
    public CheckResult run() throws Exception {
        if (push == null || storage == null || gate == null) {
            return CheckResult.skipped(absentReason);
        }
        long timestamp = System.currentTimeMillis();
        // A value no earlier run wrote, so reading it back cannot be satisfied by an old sample.
        double value = ThreadLocalRandom.current().nextInt(1, 1_000_000_000);
        byte[] body = CanaryWriteRequest.compressed(METRIC, instance, timestamp, value);
        long started = System.nanoTime();
        PushResponse pushed = push.push(Canary.TENANT, RemoteWriteVersion.V1, body, body.length);
        long pushMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        String series = METRIC + "{instance=\"" + instance + "\"}";
        if (pushed.status() != 204) {
            return CheckResult.fail("remote-write of " + series + " as tenant " + Canary.TENANT + " answered "
                    + pushed.status() + " after " + pushMillis + " ms: " + pushed.message(),
                    "Remote-write senders get the same answer. Fix what the message names; the produce-canary "
                            + "check isolates the Kafka part.");
        }
        long readStarted = System.nanoTime();
        try {
            gate.await(Canary.TENANT, "strong");
        } catch (ReadConsistencyException e) {
            return CheckResult.fail("the sample was acknowledged in " + pushMillis + " ms but a strong read could not "
                    + "catch up: " + e.getMessage(), "See the partition-consumers check; readers must consume within "
                    + "ingest-storage.kafka.wait-strong-read-consistency-timeout=" + strongReadTimeout + ".");
        }
        List<SeriesChunks> found = storage.querier(Canary.TENANT).select(timestamp, timestamp,
                List.of(LabelMatcher.equal("__name__", METRIC), LabelMatcher.equal("instance", instance)));
        long readMillis = Duration.ofNanos(System.nanoTime() - readStarted).toMillis();
        for (SeriesChunks s : found) {
            SampleCursor cursor = new SampleCursor(s, timestamp, timestamp);
            while (cursor.next()) {
                if (cursor.timestamp() == timestamp && cursor.value() == value) {
                    return CheckResult.pass("wrote " + series + " " + (long) value + " @" + timestamp + " as tenant "
                            + Canary.TENANT + " (acknowledged in " + pushMillis + " ms), read it back with "
                            + "X-Read-Consistency: strong in " + readMillis + " ms.");
                }
            }
        }
        return CheckResult.fail("wrote " + series + " " + (long) value + " @" + timestamp + " (acknowledged in "
                + pushMillis + " ms), but a strong read " + readMillis + " ms later did not return it ("
                + found.size() + " matching series).", "Acknowledged data is not readable: look for record decode or "
                + "store errors of the partition readers in the log and on the partitions page.");
    }
}
