package io.tributary.storage.block;

import java.nio.file.Path;

/**
 * A block file that does not parse or fails its checksum. The message names the file and, where known, the byte
 * offset, so an operator can tell which block to quarantine. Unchecked because {@link BlockReader} answers
 * queries through {@link io.tributary.storage.ChunkQuerier}, whose methods declare no checked exceptions.
 */
public class CorruptBlockException extends RuntimeException {
    private final transient Path file;

    public CorruptBlockException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public CorruptBlockException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file that is corrupt. */
    public Path file() {
        return file;
    }
}
