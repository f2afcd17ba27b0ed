package io.tributary.distributor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.tributary.protocol.MetadataColumns;
import io.tributary.protocol.ScannedRequest;

/**
 * Routes the accepted series and metadata of a scanned request to partitions and encodes each partition's
 * share into record values of the configured format.
 *
 * <p>Grouping is a counting sort over partition numbers into reusable int arrays, so routing allocates nothing
 * per series. Records come out in ascending partition order. Not thread-safe: keep one per thread.
 */
public final class PartitionRecordBuilder {

    private final RecordEncoder encoder;
    private final PartitionMapper mapper;

    private int[] seriesPartition = new int[256];
    private int[] seriesOrder = new int[256];
    private int[] metaPartition = new int[16];
    private int[] metaOrder = new int[16];
    private int[] seriesStarts = new int[64];
    private int[] metaStarts = new int[64];

    public PartitionRecordBuilder(RecordFormat format, PartitionMapper mapper) {
        this.encoder = format.recordVersion() == 2 ? new RecordV2Encoder(format.maxRecordSizeBytes())
                : new RecordV1Encoder(format.maxRecordSizeBytes());
        this.mapper = mapper;
    }

    /**
     * Builds the records for every series and metadata entry of {@code req}.
     *
     * @param tenantSeed {@link SeriesToken#seed(byte[])} of the tenant
     */
    public List<PartitionRecord> build(ScannedRequest req, int tenantSeed, int partitionCount) {
        if (partitionCount <= 0) {
            throw new IllegalArgumentException("partitionCount must be positive, got " + partitionCount);
        }
        int n = req.seriesCount();
        MetadataColumns metadata = req.metadata();
        int m = metadata.size();
        if (seriesPartition.length < n) {
            seriesPartition = new int[n + n / 2];
            seriesOrder = new int[seriesPartition.length];
        }
        if (metaPartition.length < m) {
            metaPartition = new int[m + m / 2];
            metaOrder = new int[metaPartition.length];
        }
        if (seriesStarts.length < partitionCount + 1) {
            seriesStarts = new int[partitionCount + 1];
            metaStarts = new int[partitionCount + 1];
        }
        // Tokens found earlier (the validator's label-set cache) are reused when computed for the same tenant.
        boolean known = req.tokenSeed() == tenantSeed;
        for (int s = 0; s < n; s++) {
            int token = known && (req.seriesFlags(s) & ScannedRequest.FLAG_TOKEN) != 0 ? req.seriesToken(s)
                    : SeriesToken.ofSeries(tenantSeed, req, s);
            seriesPartition[s] = checked(mapper.partitionOf(token, partitionCount), partitionCount);
        }
        byte[] b = req.buffer();
        for (int i = 0; i < m; i++) {
            int token = SeriesToken.ofMetricFamily(tenantSeed, b, metadata.familyOffset(i),
                    metadata.familyLength(i));
            metaPartition[i] = checked(mapper.partitionOf(token, partitionCount), partitionCount);
        }
        countingSort(seriesPartition, n, seriesOrder, seriesStarts, partitionCount);
        countingSort(metaPartition, m, metaOrder, metaStarts, partitionCount);

        List<PartitionRecord> out = new ArrayList<>(Math.min(partitionCount, n + m) + 1);
        for (int p = 0; p < partitionCount; p++) {
            int from = seriesStarts[p];
            int to = seriesStarts[p + 1];
            int mFrom = metaStarts[p];
            int mTo = metaStarts[p + 1];
            if (from < to || mFrom < mTo) {
                encoder.encode(req, seriesOrder, from, to, metaOrder, mFrom, mTo, p, out);
            }
        }
        return out;
    }

    private static int checked(int partition, int partitionCount) {
        if (partition < 0 || partition >= partitionCount) {
            throw new IllegalStateException("partition mapper returned " + partition + " for " + partitionCount
                    + " partitions");
        }
        return partition;
    }

    /** Stable counting sort: {@code starts[p]..starts[p+1]} of {@code order} lists the items of partition p. */
    private static void countingSort(int[] partitionOf, int n, int[] order, int[] starts, int partitionCount) {
        Arrays.fill(starts, 0, partitionCount + 1, 0);
        for (int i = 0; i < n; i++) {
            starts[partitionOf[i] + 1]++;
        }
        for (int p = 0; p < partitionCount; p++) {
            starts[p + 1] += starts[p];
        }
        // Fill using starts as write cursors, then shift back: avoids a second cursor array.
        for (int i = 0; i < n; i++) {
            order[starts[partitionOf[i]]++] = i;
        }
        for (int p = partitionCount; p > 0; p--) {
            starts[p] = starts[p - 1];
        }
        starts[0] = 0;
    }
}
