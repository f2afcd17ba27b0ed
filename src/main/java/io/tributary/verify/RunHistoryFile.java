package io.tributary.verify;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The kept runs in one JSON file under the data directory ({@code verify-runs.json}), so the console's history
 * survives a restart, which is when an operator most wants to compare with "before". Written whole to a temporary
 * file and moved into place, so a crash leaves the old file or the new one, never half of one. A file that cannot
 * be read starts an empty history: losing history must never stop the checks.
 */
public class RunHistoryFile {
    private static final Logger log = LoggerFactory.getLogger(RunHistoryFile.class);

    static final String NAME = "verify-runs.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;

    public RunHistoryFile(Path dataDir) {
        this.file = dataDir.resolve(NAME);
    }

    /** The runs saved last, newest first; empty when there is no readable file. */
    public List<CheckRun> load() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<List<CheckRun>>() { });
        } catch (JacksonException e) {
            log.warn("ignoring the verification history in {}: it cannot be read ({})", file, e.getOriginalMessage());
            return List.of();
        }
    }

    /** Replaces the file with {@code runs}; a failure is logged, the runs stay in memory. */
    public void save(List<CheckRun> runs) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(NAME + ".tmp");
            Files.write(temporary, JSON.writeValueAsBytes(runs));
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | JacksonException e) {
            log.warn("could not save the verification history to {}: {}", file, e.toString());
        }
    }
}
