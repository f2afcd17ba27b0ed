package io.tributary.storage.bucket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Ships local TSDB blocks to a bucket in the layout Mimir's store-gateways and compactors read:
 * {@code <tenant>/<block ULID>/{chunks/000001, index, tombstones, meta.json}}.
 *
 * <p>{@code meta.json} goes last. Readers (Thanos and Mimir alike) treat a block without {@code meta.json} as not yet
 * there, so a reader never sees a block whose index or chunks are still on their way, and an upload that fails
 * halfway leaves nothing a reader would load. Uploading the same block again rewrites the same keys with the same
 * content, so a retry after a failure, or after a crash before the shipper noted the block as shipped, is harmless.
 */
public final class BlockUploader {

    /** The file whose presence marks a block as complete. */
    public static final String META_JSON = "meta.json";

    /** A ULID: 26 characters of Crockford's base32, the first at most 7 (48-bit timestamp). */
    private static final Pattern ULID = Pattern.compile("[0-7][0-9A-HJKMNP-TV-Z]{25}");

    private final Bucket bucket;

    public BlockUploader(Bucket bucket) {
        this.bucket = bucket;
    }

    /**
     * Uploads the block directory {@code blockDir} (named by its ULID) under {@code <tenant>/<ulid>/}: every file
     * but {@code meta.json} in path order, then {@code meta.json}.
     *
     * @return the keys written, in the order they were written ({@code meta.json} last)
     */
    public List<String> upload(String tenant, Path blockDir) {
        checkTenant(tenant);
        String ulid = blockDir.getFileName() == null ? "" : blockDir.getFileName().toString();
        if (!ULID.matcher(ulid).matches()) {
            throw new IllegalArgumentException("block directory " + blockDir + " is not named by a block ULID");
        }
        Path meta = blockDir.resolve(META_JSON);
        if (!Files.isRegularFile(meta)) {
            throw new IllegalArgumentException("block directory " + blockDir + " has no " + META_JSON
                    + ": it is not a complete block");
        }
        String prefix = tenant + "/" + ulid + "/";
        List<String> written = new ArrayList<>();
        for (Path file : filesExceptMeta(blockDir, meta)) {
            String relative = blockDir.relativize(file).toString();
            String key = prefix + relative.replace(file.getFileSystem().getSeparator(), "/");
            bucket.upload(key, file);
            written.add(key);
        }
        bucket.upload(prefix + META_JSON, meta);
        written.add(prefix + META_JSON);
        return written;
    }

    /** ULIDs of the tenant's blocks that are complete (have {@code meta.json}) in the bucket, in ascending order. */
    public List<String> listBlocks(String tenant) {
        checkTenant(tenant);
        String prefix = tenant + "/";
        List<String> blocks = new ArrayList<>();
        for (String key : bucket.list(prefix)) {
            String rest = key.substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash > 0 && rest.substring(slash + 1).equals(META_JSON)) {
                String ulid = rest.substring(0, slash);
                if (ULID.matcher(ulid).matches()) {
                    blocks.add(ulid);
                }
            }
        }
        return blocks;
    }

    private static List<Path> filesExceptMeta(Path blockDir, Path meta) {
        try (Stream<Path> files = Files.walk(blockDir)) {
            return files.filter(Files::isRegularFile).filter(file -> !file.equals(meta)).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new BucketException("cannot read block directory " + blockDir + ": " + e.getMessage(), e);
        }
    }

    /** A tenant is one key segment: Mimir's tenant ids cannot contain '/', and "." or ".." would escape the prefix. */
    private static void checkTenant(String tenant) {
        if (tenant == null || tenant.isEmpty() || tenant.contains("/") || tenant.equals(".") || tenant.equals("..")) {
            throw new IllegalArgumentException("tenant \"" + tenant + "\" cannot name a bucket prefix: it must be"
                    + " non-empty, without '/', and not \".\" or \"..\"");
        }
    }
}
