package io.tributary.access;

import io.tributary.config.ConsoleSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The bcrypt hash of the generated admin password, kept in the data directory so later starts reuse it. Only the
 * hash is ever stored; the file is readable by its owner only and appears complete or not at all (written to a
 * temporary file, synced, then renamed), so a crash mid-write cannot leave a half hash that locks the admin out.
 */
final class AdminPasswordFile {

    static final String FILE_NAME = "console-admin-password.bcrypt";

    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private final Path file;

    AdminPasswordFile(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    Path path() {
        return file;
    }

    /** The stored hash (without the {bcrypt} prefix), or empty when no password was generated yet. */
    Optional<String> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String hash;
        try {
            hash = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console admin password hash " + file + ": " + e.getMessage(), e);
        }
        if (!ConsoleSettings.isBcryptHash(hash)) {
            throw new IllegalStateException(file + " does not hold a bcrypt hash: delete it to have a new admin"
                    + " password generated (and printed) at the next start, or set tributary.console.password");
        }
        return Optional.of(hash);
    }

    /** Stores {@code hash} (a bare bcrypt hash) atomically, with mode 0600 where the file system has POSIX modes. */
    void write(String hash) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = posix()
                    ? Files.createTempFile(file.getParent(), "." + FILE_NAME, ".tmp", ownerOnly())
                    : Files.createTempFile(file.getParent(), "." + FILE_NAME, ".tmp");
            try {
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    channel.write(StandardCharsets.US_ASCII.encode(hash + "\n"));
                    channel.force(true);
                }
                move(temporary);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the console admin password hash in " + file
                    + ": " + e.getMessage() + " (make tributary.data-dir writable, or set tributary.console.password)", e);
        }
    }

    private void move(Path temporary) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE);
    }
}
