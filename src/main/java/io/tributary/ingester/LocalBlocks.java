package io.tributary.ingester;

import io.tributary.storage.ChunkQuerier;
import io.tributary.storage.MergedQuerier;
import io.tributary.storage.TenantHead;
import io.tributary.storage.block.BlockMeta;
import io.tributary.storage.block.BlockReader;
import io.tributary.storage.block.ULID;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocks this ingester cut, kept on local disk under {@code <tsdb dir>/<tenant>/<ulid>/} for queries until
 * {@code blocks-storage.tsdb.retention-period} has passed (as Mimir's ingesters keep theirs); the bucket holds
 * the long-term copy.
 */
final class LocalBlocks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalBlocks.class);

    private final Path root;
    private final long retentionMillis;
    private final Map<String, List<BlockReader>> byTenant = new ConcurrentHashMap<>();

    LocalBlocks(Path root, long retentionMillis) {
        this.root = root;
        this.retentionMillis = retentionMillis;
    }

    Path tenantDir(String tenant) {
        return root.resolve(tenant);
    }

    /** Opens the blocks left by an earlier run. */
    void load() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> tenants = Files.list(root)) {
            for (Path tenantDir : tenants.filter(Files::isDirectory).toList()) {
                try (Stream<Path> blocks = Files.list(tenantDir)) {
                    for (Path block : blocks.filter(p -> ULID.isValid(p.getFileName().toString())).toList()) {
                        if (Files.exists(block.resolve("meta.json"))) {
                            add(tenantDir.getFileName().toString(), block);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list local blocks under " + root, e);
        }
    }

    /** Starts serving a block; a block with the same id (a rebuild after a crash) replaces the old one. */
    void add(String tenant, Path blockDir) {
        BlockReader reader;
        try {
            reader = BlockReader.open(blockDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open block " + blockDir, e);
        }
        List<BlockReader> list = byTenant.computeIfAbsent(tenant, t -> new CopyOnWriteArrayList<>());
        for (BlockReader existing : list) {
            if (existing.meta().ulid().equals(reader.meta().ulid())) {
                list.remove(existing);
                closeQuietly(existing);
            }
        }
        list.add(reader);
    }

    ChunkQuerier querier(String tenant, TenantHead head) {
        // The head first: where sources disagree at a timestamp, MergedQuerier keeps the first one's sample.
        List<ChunkQuerier> parts = new ArrayList<>();
        if (head != null) {
            parts.add(head.querier());
        }
        parts.addAll(byTenant.getOrDefault(tenant, List.of()));
        return new MergedQuerier(parts);
    }

    List<BlockMeta> metas() {
        List<BlockMeta> metas = new ArrayList<>();
        byTenant.values().forEach(list -> list.forEach(r -> metas.add(r.meta())));
        metas.sort(Comparator.comparingLong(BlockMeta::minTime));
        return metas;
    }

    /** Deletes local blocks that ended more than the retention period before {@code nowMillis}. */
    void applyRetention(long nowMillis) {
        for (Map.Entry<String, List<BlockReader>> tenant : byTenant.entrySet()) {
            for (BlockReader reader : tenant.getValue()) {
                if (reader.meta().maxTime() < nowMillis - retentionMillis) {
                    tenant.getValue().remove(reader);
                    closeQuietly(reader);
                    deleteRecursively(tenantDir(tenant.getKey()).resolve(reader.meta().ulid().toString()));
                    log.info("deleted local block {} of tenant {}: past blocks-storage.tsdb.retention-period",
                            reader.meta().ulid(), tenant.getKey());
                }
            }
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static void closeQuietly(BlockReader reader) {
        try {
            reader.close();
        } catch (Exception e) {
            log.debug("closing block {} failed", reader.meta().ulid(), e);
        }
    }

    @Override
    public void close() {
        byTenant.values().forEach(list -> list.forEach(LocalBlocks::closeQuietly));
        byTenant.clear();
    }
}
