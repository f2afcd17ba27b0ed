package io.tributary.console.partitions;

import io.tributary.storage.block.BlockMeta;
import io.tributary.storage.bucket.Bucket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Lists the blocks in the blocks-storage bucket ({@code <tenant>/<ulid>/meta.json}), newest upload first, at most
 * {@link #LIMIT}. Read when a page asks, not by the sampler: listing a large bucket every 5 s would cost more than
 * the page is worth. Where this process has no bucket (target=distributor) the list is empty.
 */
@Component
public class BucketBlocks {
    /** Blocks shown; a tenant with months of blocks would otherwise make the page huge. */
    public static final int LIMIT = 200;

    private final ObjectProvider<Bucket> bucket;

    public BucketBlocks(ObjectProvider<Bucket> bucket) {
        this.bucket = bucket;
    }

    /** True when this process has a blocks bucket to list. */
    public boolean available() {
        return bucket.getIfAvailable() != null;
    }

    public List<BlockRow> list() {
        Bucket b = bucket.getIfAvailable();
        if (b == null) {
            return List.of();
        }
        List<BlockRow> rows = new ArrayList<>();
        for (String key : b.list("")) {
            String[] parts = key.split("/");
            if (parts.length != 3 || !parts[2].equals("meta.json")) {
                continue;
            }
            rows.add(row(b, key, parts[0], parts[1]));
        }
        rows.sort(Comparator.comparing(BlockRow::uploadedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(BlockRow::ulid, Comparator.reverseOrder()));
        return rows.size() > LIMIT ? List.copyOf(rows.subList(0, LIMIT)) : rows;
    }

    private static BlockRow row(Bucket b, String key, String tenant, String ulid) {
        Instant uploaded = b.lastModified(key).orElse(null);
        try {
            BlockMeta meta = BlockMeta.parse(b.get(key), Path.of(key));
            long size = meta.thanos() == null ? -1
                    : meta.thanos().files().stream().mapToLong(BlockMeta.File::sizeBytes).sum();
            return new BlockRow(tenant, ulid, Instant.ofEpochMilli(meta.minTime()), Instant.ofEpochMilli(meta.maxTime()),
                    meta.stats().numSeries(), meta.stats().numSamples(), size, uploaded, null);
        } catch (RuntimeException e) {
            return new BlockRow(tenant, ulid, null, null, -1, -1, -1, uploaded, "meta.json unreadable: " + e.getMessage());
        }
    }
}
