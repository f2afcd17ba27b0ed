package io.tributary.config.edit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps each saved version as its own JSON file ({@code v000007.json}) in {@code <data-dir>/console-settings}.
 * A version is written to a temporary file readable by the owner only and renamed into place, so a crash leaves
 * either the whole new version or none; the highest number is the version in effect. Files are never rewritten,
 * which is what makes the history trustworthy.
 */
public final class FileSettingsStore implements SettingsStore {

    /** The folder under the data directory. */
    public static final String FOLDER = "console-settings";

    private static final Pattern FILE = Pattern.compile("v(\\d{6})\\.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path dir;
    private final Clock clock;

    public FileSettingsStore(Path dataDir) {
        this(dataDir, Clock.systemUTC());
    }

    FileSettingsStore(Path dataDir, Clock clock) {
        this.dir = dataDir.resolve(FOLDER);
        this.clock = clock;
    }

    @Override
    public Optional<SettingsVersion> latest() {
        return numbers().stream().max(Integer::compare).map(this::read);
    }

    @Override
    public List<SettingsVersion> history() {
        return numbers().stream().sorted(Comparator.reverseOrder()).map(this::read).toList();
    }

    @Override
    public Optional<SettingsVersion> version(int number) {
        return numbers().contains(number) ? Optional.of(read(number)) : Optional.empty();
    }

    @Override
    public synchronized SettingsVersion save(Map<String, String> values, String author, String comment) {
        int next = numbers().stream().max(Integer::compare).orElse(0) + 1;
        SettingsVersion version = new SettingsVersion(next, author, Instant.now(clock), comment, values);
        ObjectNode root = JSON.createObjectNode();
        root.put("version", version.number());
        root.put("author", version.author());
        root.put("savedAt", version.savedAt().toString());
        root.put("comment", version.comment());
        ObjectNode valuesNode = root.putObject("values");
        version.values().forEach(valuesNode::put);
        write(file(next), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return version;
    }

    private void write(Path target, String content) {
        try {
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
            Path tmp = Files.createTempFile(dir, ".saving-", ".tmp");
            restrict(tmp, "rw-------");
            Files.writeString(tmp, content);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the console settings under " + dir, e);
        }
    }

    private static void restrict(Path path, String permissions) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }

    private SettingsVersion read(int number) {
        Path file = file(number);
        try {
            JsonNode root = JSON.readTree(Files.readString(file));
            Map<String, String> values = new LinkedHashMap<>();
            root.path("values").properties().forEach(e -> values.put(e.getKey(), e.getValue().asString()));
            return new SettingsVersion(root.path("version").asInt(number), root.path("author").asString(""),
                    Instant.parse(root.path("savedAt").asString()), root.path("comment").asString(""), values);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the saved console settings " + file + " cannot be read (" + e.getMessage()
                    + "); fix or remove that file", e);
        }
    }

    private List<Integer> numbers() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                Matcher m = FILE.matcher(f.getFileName().toString());
                if (m.matches()) {
                    out.add(Integer.parseInt(m.group(1)));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return out;
    }

    private Path file(int number) {
        return dir.resolve(String.format("v%06d.json", number));
    }
}
