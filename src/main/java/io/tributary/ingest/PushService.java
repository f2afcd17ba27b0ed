package io.tributary.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.config.DistributorProperties;
import io.tributary.distributor.PartitionWriter;
import io.tributary.distributor.WriteOutcome;
import io.tributary.protocol.CorruptSnappyException;
import io.tributary.protocol.SnappyBlock;
import io.tributary.protocol.SnappyLimitExceededException;

import java.time.Duration;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * One remote-write push from decoded bytes to acknowledged records, with the status codes of the
 * remote-write specifications and Mimir: 400 for bad data (after writing the valid rest), 429 over the
 * tenant's rate, 5xx when Kafka fails or times out, 204 only when every record is acknowledged.
 */
public class PushService {

    private final WriteRequestProcessor processor;
    private final TenantRateLimiter rateLimiter;
    private final PartitionWriter writer;
    private final IntSupplier partitionCount;
    private final DistributorProperties distributor;
    private final MeterRegistry registry;
    private final int maxMessageBytes;

    public PushService(WriteRequestProcessor processor, TenantRateLimiter rateLimiter, PartitionWriter writer,
                       IntSupplier partitionCount, DistributorProperties distributor, MeterRegistry registry) {
        this.processor = processor;
        this.rateLimiter = rateLimiter;
        this.writer = writer;
        this.partitionCount = partitionCount;
        this.distributor = distributor;
        this.registry = registry;
        this.maxMessageBytes = (int) Math.min(Integer.MAX_VALUE - 8, distributor.getMaxRecvMsgSize().toBytes());
    }

    /** Largest accepted body, compressed or not, in bytes. */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** Handles a snappy-compressed body of {@code length} bytes. */
    public PushResponse push(String tenant, RemoteWriteVersion version, byte[] compressed, int length) {
        ProcessedWrite processed;
        byte[] raw = null;
        try {
            int rawLength = SnappyBlock.uncompressedLength(compressed, 0, length, maxMessageBytes);
            raw = DecompressedBuffer.take(rawLength);
            SnappyBlock.decompressInto(compressed, 0, length, raw, rawLength);
            processed = processor.process(tenant, raw, rawLength, version,
                    partitionCount.getAsInt(), System.currentTimeMillis());
        } catch (SnappyLimitExceededException e) {
            return PushResponse.rejected(413, "uncompressed " + e.getMessage() + " (distributor.max-recv-msg-size)");
        } catch (CorruptSnappyException e) {
            return PushResponse.rejected(400, e.getMessage());
        } catch (MalformedRequestException e) {
            return PushResponse.rejected(400, "malformed remote-write " + version.label() + " request: " + e.getMessage());
        } finally {
            // The records are built into arrays of their own, so the buffer is free again before the Kafka wait.
            if (raw != null) {
                DecompressedBuffer.release(raw);
            }
        }
        countDiscarded(tenant, processed);
        long items = processed.acceptedSamples() + processed.acceptedHistograms()
                + processed.acceptedExemplars() + processed.acceptedMetadata();
        long retryAfter = items == 0 ? 0 : rateLimiter.tryAcquire(tenant, items, System.nanoTime());
        if (retryAfter > 0) {
            Counter.builder("tributary.discarded.samples")
                    .description("Samples refused, by tenant and reason: by the distributor before Kafka (rate_limited: 429 over "
                            + "the tenant's ingestion rate), or by the ingester's head when consumed (out of order, too "
                            + "old, series limit).")
                    .tag("reason", "rate_limited").tag("user", tenant)
                    .register(registry).increment(processed.acceptedSamples() + processed.acceptedHistograms());
            return new PushResponse(429, "the request has " + items + " samples, exemplars and metadata, which exceeds tenant "
                    + tenant + "'s ingestion rate limit (" + distributor.ingestionRateLimitOf(tenant)
                    + "/s with burst " + distributor.ingestionBurstSizeOf(tenant) + ")", 0, 0, 0, retryAfter);
        }
        Duration timeout = distributor.getRemoteTimeout();
        WriteOutcome outcome = writer.write(tenant, processed.records(), timeout);
        if (!outcome.succeeded()) {
            return kafkaFailure(outcome);
        }
        if (processed.hasRejections()) {
            return new PushResponse(400, partialWriteMessage(processed), outcome.samplesWritten(),
                    outcome.histogramsWritten(), outcome.exemplarsWritten(), 0);
        }
        return PushResponse.written(outcome.samplesWritten(), outcome.histogramsWritten(), outcome.exemplarsWritten());
    }

    private static PushResponse kafkaFailure(WriteOutcome outcome) {
        WriteOutcome.Failure failure = outcome.failure();
        // A record the broker refuses as too large will be refused again: the client must not retry it.
        int status = switch (failure.reason()) {
            case RECORD_TOO_LARGE -> 400;
            case TIMEOUT, BUFFER_FULL -> 503;
            default -> 500;
        };
        long retryAfter = status >= 500 ? 1 : 0;
        return new PushResponse(status, failure.message(), outcome.samplesWritten(), outcome.histogramsWritten(),
                outcome.exemplarsWritten(), retryAfter);
    }

    private static String partialWriteMessage(ProcessedWrite processed) {
        StringBuilder message = new StringBuilder()
                .append(processed.rejectedSeries()).append(" series rejected (")
                .append(processed.rejectedSamples()).append(" samples, ")
                .append(processed.rejectedHistograms()).append(" histograms, ")
                .append(processed.rejectedExemplars()).append(" exemplars); the rest was written. By reason:");
        for (Map.Entry<String, Integer> reason : processed.rejectionsByReason().entrySet()) {
            message.append(' ').append(reason.getKey()).append('=').append(reason.getValue());
        }
        return message.append(". First: ").append(processed.firstRejection()).toString();
    }

    private void countDiscarded(String tenant, ProcessedWrite processed) {
        if (!processed.hasRejections()) {
            return;
        }
        for (Map.Entry<String, Integer> reason : processed.rejectionsByReason().entrySet()) {
            countDiscarded(tenant, reason.getKey(), reason.getValue());
        }
    }

    private void countDiscarded(String tenant, String reason, long series) {
        Counter.builder("tributary.discarded.series")
                .description("Series dropped by validation before reaching Kafka, by tenant and reason "
                        + "(for the timestamp reasons, samples rather than series).")
                .tag("reason", reason).tag("user", tenant)
                .register(registry).increment(series);
    }
}
