package io.tributary.storage.block;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads and writes {@code meta.json} in the field names and layout Prometheus and Thanos use. */
final class MetaFile {
    static final String NAME = "meta.json";

    private static final JsonMapper JSON = JsonMapper.shared();

    private MetaFile() {
    }

    static byte[] encode(BlockMeta meta) {
        ObjectNode root = JSON.createObjectNode();
        root.put("ulid", meta.ulid().toString());
        root.put("minTime", meta.minTime());
        root.put("maxTime", meta.maxTime());
        ObjectNode stats = root.putObject("stats");
        stats.put("numSamples", meta.stats().numSamples());
        stats.put("numSeries", meta.stats().numSeries());
        stats.put("numChunks", meta.stats().numChunks());
        ObjectNode compaction = root.putObject("compaction");
        compaction.put("level", meta.compactionLevel());
        ArrayNode sources = compaction.putArray("sources");
        meta.compactionSources().forEach(s -> sources.add(s.toString()));
        root.put("version", meta.version());
        if (meta.thanos() != null) {
            BlockMeta.Thanos t = meta.thanos();
            ObjectNode thanos = root.putObject("thanos");
            thanos.put("version", 1);
            ObjectNode labels = thanos.putObject("labels");
            t.labels().forEach(labels::put);
            thanos.putObject("downsample").put("resolution", t.downsampleResolution());
            thanos.put("source", t.source());
            ArrayNode files = thanos.putArray("files");
            for (BlockMeta.File f : t.files()) {
                ObjectNode file = files.addObject();
                file.put("rel_path", f.relPath());
                if (f.sizeBytes() != 0) {
                    file.put("size_bytes", f.sizeBytes());
                }
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    static BlockMeta decode(byte[] json, Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new CorruptBlockException(file, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new CorruptBlockException(file, "not a JSON object");
        }
        int version = (int) requiredLong(root, "version", file);
        if (version != BlockMeta.VERSION) {
            throw new CorruptBlockException(file, "unsupported meta.json version " + version
                    + " (Prometheus blocks use version " + BlockMeta.VERSION + ")");
        }
        ULID ulid = ulid(requiredText(root, "ulid", file), file);
        long minTime = requiredLong(root, "minTime", file);
        long maxTime = requiredLong(root, "maxTime", file);
        JsonNode stats = root.path("stats");
        BlockMeta.Stats s = new BlockMeta.Stats(stats.path("numSamples").asLong(0),
                stats.path("numSeries").asLong(0), stats.path("numChunks").asLong(0));
        JsonNode compaction = root.path("compaction");
        List<ULID> sources = new ArrayList<>();
        for (JsonNode source : compaction.path("sources").values()) {
            sources.add(ulid(source.asString(), file));
        }
        BlockMeta.Thanos thanos = null;
        JsonNode t = root.get("thanos");
        if (t != null && t.isObject()) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : t.path("labels").properties()) {
                labels.put(e.getKey(), e.getValue().asString());
            }
            List<BlockMeta.File> files = new ArrayList<>();
            for (JsonNode f : t.path("files").values()) {
                files.add(new BlockMeta.File(f.path("rel_path").asString(""), f.path("size_bytes").asLong(0)));
            }
            thanos = new BlockMeta.Thanos(labels, t.path("downsample").path("resolution").asLong(0),
                    t.path("source").asString(""), files);
        }
        return new BlockMeta(ulid, minTime, maxTime, s, compaction.path("level").asInt(0), sources, version, thanos);
    }

    private static long requiredLong(JsonNode root, String field, Path file) {
        JsonNode n = root.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new CorruptBlockException(file, "\"" + field + "\" must be an integer, found " + n);
        }
        return n.longValue();
    }

    private static String requiredText(JsonNode root, String field, Path file) {
        JsonNode n = root.get(field);
        if (n == null || !n.isString()) {
            throw new CorruptBlockException(file, "\"" + field + "\" must be a string, found " + n);
        }
        return n.stringValue();
    }

    private static ULID ulid(String text, Path file) {
        try {
            return ULID.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CorruptBlockException(file, e.getMessage(), e);
        }
    }
}
