package io.tributary.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Prometheus's own promtool (Debian's prometheus package) as the judge of the blocks Tributary writes. */
public final class Promtool {
    public static final Path BINARY = Path.of("/usr/bin/promtool");

    private Promtool() {
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Runs {@code promtool tsdb dump} over {@code [minTime, maxTime]} of a directory of blocks and returns, per
     * series rendered as {a="b",...}, its samples as {timestamp, value} in order.
     */
    public static Map<String, List<double[]>> dump(Path tsdb, long minTime, long maxTime) throws Exception {
        Process dump = new ProcessBuilder(BINARY.toString(), "tsdb", "dump", "--min-time=" + minTime,
                "--max-time=" + maxTime, tsdb.toString()).start();
        String out = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dump.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dump.exitValue()).as(new String(dump.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        Map<String, List<double[]>> dumped = new TreeMap<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int close = line.lastIndexOf('}');
            String[] rest = line.substring(close + 1).trim().split(" ");
            String labels = line.substring(0, close + 1).replace(", ", ",");
            dumped.computeIfAbsent(labels, k -> new ArrayList<>())
                    .add(new double[] {Long.parseLong(rest[1]), Double.parseDouble(rest[0])});
        }
        return dumped;
    }
}
