package io.tributary.ingester;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What makes Kafka our write-ahead log, persisted in {@code <tsdb dir>/replay-checkpoint.json}: the time before
 * which every window is in uploaded blocks ({@code persistedUntil}), and per partition the offset a restart
 * replays from. Written atomically (temp file, fsync, rename) before the head is truncated, so a crash at any
 * moment leaves either the old or the new checkpoint, and both are safe.
 */
final class ReplayCheckpoint {
    private static final Pattern PERSISTED = Pattern.compile("\"persistedUntil\"\\s*:\\s*(-?\\d+)");
    private static final Pattern PARTITION = Pattern.compile("\"(\\d+)\"\\s*:\\s*(-?\\d+)");

    private final Path file;
    private long persistedUntil = Long.MIN_VALUE;
    private final Map<Integer, Long> replayFrom = new TreeMap<>();

    private ReplayCheckpoint(Path file) {
        this.file = file;
    }

    static ReplayCheckpoint load(Path dir) {
        ReplayCheckpoint checkpoint = new ReplayCheckpoint(dir.resolve("replay-checkpoint.json"));
        if (Files.exists(checkpoint.file)) {
            try {
                String json = Files.readString(checkpoint.file, StandardCharsets.UTF_8);
                Matcher persisted = PERSISTED.matcher(json);
                if (!persisted.find()) {
                    throw new IllegalStateException(checkpoint.file + " has no persistedUntil: the file is damaged; "
                            + "move it away to replay from the consumer group's offset instead (data may be lost)");
                }
                checkpoint.persistedUntil = Long.parseLong(persisted.group(1));
                int partitionsAt = json.indexOf("\"replayFrom\"");
                Matcher partition = PARTITION.matcher(json.substring(Math.max(partitionsAt, 0)));
                while (partitionsAt >= 0 && partition.find()) {
                    checkpoint.replayFrom.put(Integer.parseInt(partition.group(1)), Long.parseLong(partition.group(2)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + checkpoint.file, e);
            }
        }
        return checkpoint;
    }

    synchronized long persistedUntil() {
        return persistedUntil;
    }

    synchronized OptionalLong replayFrom(int partition) {
        Long offset = replayFrom.get(partition);
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /** Sets the start of a partition that had no checkpoint, and persists it before anything is consumed. */
    synchronized void initialise(int partition, long offset) {
        if (replayFrom.putIfAbsent(partition, offset) == null) {
            write();
        }
    }

    /** Records a completed cut: windows before {@code until} are uploaded; partitions replay from the offsets. */
    synchronized void advance(long until, Map<Integer, Long> offsets) {
        persistedUntil = Math.max(persistedUntil, until);
        offsets.forEach((p, o) -> {
            if (o >= 0) {
                replayFrom.merge(p, o, Math::max);
            }
        });
        write();
    }

    private void write() {
        StringBuilder json = new StringBuilder("{\n  \"persistedUntil\": ").append(persistedUntil)
                .append(",\n  \"replayFrom\": {");
        String separator = "";
        for (Map.Entry<Integer, Long> e : replayFrom.entrySet()) {
            json.append(separator).append("\n    \"").append(e.getKey()).append("\": ").append(e.getValue());
            separator = ",";
        }
        json.append("\n  }\n}\n");
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(json.toString().getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the replay checkpoint " + file, e);
        }
    }
}
