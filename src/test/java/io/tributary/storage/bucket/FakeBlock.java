package io.tributary.storage.bucket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A block directory laid out as Prometheus writes one, with made-up content in each file. */
final class FakeBlock {

    /** The files of a block relative to its directory, in the order the uploader must send them. */
    static final List<String> FILES = List.of("chunks/000001", "chunks/000002", "index", "tombstones", "meta.json");

    private FakeBlock() {
    }

    /** Writes {@code <parent>/<ulid>/} with two chunk segments, an index, tombstones and meta.json. */
    static Path write(Path parent, String ulid) {
        Path block = parent.resolve(ulid);
        try {
            Files.createDirectories(block.resolve("chunks"));
            for (String file : FILES) {
                Files.write(block.resolve(file), content(ulid, file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return block;
    }

    /** What {@link #write} puts in {@code file} of block {@code ulid}. */
    static byte[] content(String ulid, String file) {
        String text = file.equals("meta.json")
                ? "{\"ulid\":\"" + ulid + "\",\"minTime\":1732233600000,\"maxTime\":1732240800000,\"version\":1}"
                : file + " of " + ulid + " ".repeat(file.length() * 100);
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
