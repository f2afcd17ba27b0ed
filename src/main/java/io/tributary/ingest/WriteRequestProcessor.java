package io.tributary.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.tributary.distributor.PartitionMapper;
import io.tributary.distributor.PartitionRecord;
import io.tributary.distributor.PartitionRecordBuilder;
import io.tributary.distributor.PartitionRing;
import io.tributary.distributor.RecordFormat;
import io.tributary.distributor.SeriesToken;
import io.tributary.protocol.LabelBytesInterner;
import io.tributary.protocol.MalformedProtobufException;
import io.tributary.protocol.RemoteWriteScanner;
import io.tributary.protocol.ScannedRequest;

/**
 * The hot path of a remote-write request after decompression: decode and validate in one pass, route each
 * series to a partition, and encode per-partition Mimir records.
 *
 * <p>Thread-safe: every call borrows reusable scratch state (scanner pools, encoder buffers) from a
 * {@link ReusePool}, so steady-state processing allocates only the output records and the result.
 */
public final class WriteRequestProcessor {

    /** Scratch grown past this by one huge request is dropped instead of being kept in the pool. */
    private static final long MAX_RETAINED_SCRATCH_BYTES = 64L << 20;

    private final ValidationLimits limits;
    private final RecordFormat format;
    private final PartitionMapper mapper;
    private final ReusePool<Scratch> scratch;
    /** Shared by all threads, bounded; see {@link LabelSetCache}. One per processor because it caches verdicts. */
    private final LabelSetCache labelSets = new LabelSetCache();

    /** A processor that routes series as the product does: Mimir's token onto the {@link PartitionRing}. */
    public WriteRequestProcessor(ValidationLimits limits, RecordFormat format) {
        this(limits, format, new PartitionRing());
    }

    public WriteRequestProcessor(ValidationLimits limits, RecordFormat format, PartitionMapper mapper) {
        this.limits = limits;
        this.format = format;
        this.mapper = mapper;
        this.scratch = new ReusePool<>(this::newScratch, ReusePool.DEFAULT_MAX_IDLE);
    }

    /**
     * The label-set keys this processor caches, for the partition readers of the same process to share rather
     * than copy (see {@link LabelSetCache}).
     */
    public LabelBytesInterner labelBytesInterner() {
        return labelSets;
    }

    private Scratch newScratch() {
        return new Scratch(new RemoteWriteScanner(), new ScannedRequest(), new SeriesValidator(limits, labelSets),
                new PartitionRecordBuilder(format, mapper));
    }

    /**
     * Processes one decompressed request body.
     *
     * @param body the decompressed protobuf; only {@code body[0, length)} is read, and it is not retained
     * @param nowMillis the receive time, against which sample timestamps are checked
     * @throws MalformedRequestException when the body is not a valid message of the given version
     */
    public ProcessedWrite process(String tenant, byte[] body, int length, RemoteWriteVersion version,
            int partitionCount, long nowMillis) throws MalformedRequestException {
        if (length < 0 || length > body.length) {
            throw new IllegalArgumentException("length " + length + " outside body of " + body.length + " bytes");
        }
        Scratch sc = scratch.take();
        ScannedRequest req = sc.request;
        SeriesValidator validator = sc.validator;
        int tenantSeed = sc.seed(tenant);
        validator.begin(nowMillis, tenantSeed);
        try {
            if (version == RemoteWriteVersion.V2) {
                sc.scanner.scanRw2(body, length, req, validator);
            } else {
                sc.scanner.scanRw1(body, length, req, validator);
            }
            List<PartitionRecord> records = sc.builder.build(req, tenantSeed, partitionCount);
            return new ProcessedWrite(records, validator.acceptedSamples, validator.acceptedHistograms,
                    validator.acceptedExemplars, req.metadata().size(), validator.rejectedSeries,
                    validator.rejectedSamples, validator.rejectedHistograms, validator.rejectedExemplars,
                    validator.rejectionsByReason(), validator.firstRejection());
        } catch (MalformedProtobufException e) {
            throw new MalformedRequestException(e.reason(), "malformed " + version + " write request: " + e.getMessage());
        } finally {
            req.reset(null, false); // do not keep the caller's body reachable from the pool
            if (req.retainedEstimate() <= MAX_RETAINED_SCRATCH_BYTES) {
                scratch.give(sc);
            }
        }
    }

    private static final class Scratch {
        final RemoteWriteScanner scanner;
        final ScannedRequest request;
        final SeriesValidator validator;
        final PartitionRecordBuilder builder;
        // Last tenant and its seed: a scratch set usually serves the same few tenants, and this skips getBytes.
        private String lastTenant;
        private int lastSeed;

        Scratch(RemoteWriteScanner scanner, ScannedRequest request, SeriesValidator validator,
                PartitionRecordBuilder builder) {
            this.scanner = scanner;
            this.request = request;
            this.validator = validator;
            this.builder = builder;
        }

        int seed(String tenant) {
            if (!tenant.equals(lastTenant)) {
                lastSeed = SeriesToken.seed(tenant.getBytes(StandardCharsets.UTF_8));
                lastTenant = tenant;
            }
            return lastSeed;
        }
    }
}
