package io.tributary.storage.bucket;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A bucket in a local directory, for single-node setups and tests (Mimir's {@code filesystem} backend): each key is a
 * file under the root, '/' becoming the directory separator. A write goes to a temporary file beside its target, is
 * fsynced and then renamed over the target atomically, so a reader (or a crash) sees the old object or the new one,
 * never half of one. Temporary files are hidden from {@link #list(String)}. Unlike S3, a key cannot be both an
 * object and the prefix of other keys ({@code a} and {@code a/b}): a file cannot also be a directory.
 */
public final class FilesystemBucket implements Bucket {

    /** Suffix of in-flight uploads; such files are never listed, so a crashed upload leaves no visible object. */
    static final String UPLOADING_SUFFIX = ".uploading";

    private final Path root;

    /** A bucket rooted at {@code root}, which is created when missing. */
    public FilesystemBucket(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new BucketException("cannot create the directory of " + describe() + ": " + reason(e), e);
        }
    }

    @Override
    public void upload(String key, Path file) {
        write(key, temp -> Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING), "upload of " + file + " to");
    }

    @Override
    public void upload(String key, byte[] content) {
        write(key, temp -> Files.write(temp, content), "upload to");
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(path(key));
    }

    @Override
    public byte[] get(String key) {
        Path path = path(key);
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(key, describe());
        } catch (IOException e) {
            throw failure("read of", key, e);
        }
    }

    @Override
    public InputStream open(String key) {
        Path path = path(key);
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(key, describe());
        } catch (IOException e) {
            throw failure("read of", key, e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        BucketKeys.checkPrefix(prefix);
        // Walk only the deepest directory the prefix names in full; the rest of the prefix filters file names.
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(start)) {
            files.filter(Files::isRegularFile)
                    .filter(path -> !isUpload(path))
                    .map(this::key)
                    .filter(key -> key.startsWith(prefix))
                    .forEach(keys::add);
        } catch (IOException | UncheckedIOException e) {
            throw new BucketException("list of " + (prefix.isEmpty() ? "all keys" : "prefix " + prefix) + " in "
                    + describe() + " failed: " + reason(e), e);
        }
        keys.sort(null);
        return keys;
    }

    @Override
    public void delete(String key) {
        Path path = path(key);
        try {
            Files.deleteIfExists(path);
            removeEmptyParents(path.getParent());
        } catch (IOException e) {
            throw failure("delete of", key, e);
        }
    }

    @Override
    public String describe() {
        return "filesystem bucket " + root;
    }

    @Override
    public void close() {
        // Nothing is held open between calls.
    }

    @Override
    public Optional<Instant> lastModified(String key) {
        try {
            return Optional.of(Files.getLastModifiedTime(path(key)).toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The bucket's root directory. */
    public Path root() {
        return root;
    }

    private interface Fill {
        void into(Path temp) throws IOException;
    }

    private void write(String key, Fill fill, String operation) {
        Path target = path(key);
        Path temp = null;
        try {
            temp = createTemp(target);
            fill.into(temp);
            fsync(temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the filesystem cannot rename atomically", e);
            }
            temp = null;
            fsyncDirectory(target.getParent());
        } catch (IOException e) {
            throw failure(operation, key, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The upload already failed; its leftover is never listed.
                }
            }
        }
    }

    /**
     * A temporary file beside {@code target}. A concurrent {@link #delete} may remove the (then empty) directory
     * between creating it and creating the file, so that is retried a few times.
     */
    private static Path createTemp(Path target) throws IOException {
        Path dir = target.getParent();
        for (int attempt = 1; ; attempt++) {
            Files.createDirectories(dir);
            try {
                return Files.createTempFile(dir, "." + target.getFileName() + ".", UPLOADING_SUFFIX);
            } catch (NoSuchFileException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private static void fsync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Makes the rename itself durable; not every platform can open a directory, and there it is left to the OS. */
    private static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // Windows cannot open directories; the rename is still atomic.
        }
    }

    /** Object stores have no directories: once the last key under a "directory" goes, so does the directory. */
    private void removeEmptyParents(Path dir) throws IOException {
        while (dir != null && !dir.equals(root) && dir.startsWith(root)) {
            try {
                Files.deleteIfExists(dir);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
            dir = dir.getParent();
        }
    }

    private Path path(String key) {
        Path path = root.resolve(BucketKeys.check(key)).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("bucket key " + key + " is outside " + describe());
        }
        return path;
    }

    private String key(Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private static boolean isUpload(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(UPLOADING_SUFFIX);
    }

    private BucketException failure(String operation, String key, IOException e) {
        return new BucketException(operation + " " + key + " in " + describe() + " failed: " + reason(e), e);
    }

    private static String reason(Exception e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }
}
