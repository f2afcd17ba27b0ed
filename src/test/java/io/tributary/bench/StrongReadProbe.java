package io.tributary.bench;

import io.tributary.testproto.read.LabelMatcher;
import io.tributary.testproto.read.Query;
import io.tributary.testproto.read.QueryResult;
import io.tributary.testproto.read.ReadRequest;
import io.tributary.testproto.read.ReadResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.xerial.snappy.Snappy;

/**
 * Issues one Prometheus remote read (SAMPLES answer) every {@code --interval} with {@code X-Read-Consistency: strong}
 * (or the consistency given) for one series selector, and reports latency percentiles and non-200 answers as one JSON
 * line. Reads are sequential: a slow answer delays the next one, it does not pile up requests.
 *
 * <p>Only reads that start after {@code --warmup} and end within {@code --duration} after it are counted, so it can be
 * started together with {@link RemoteWriteLoadGenerator} with the same two settings and measure the same window.
 *
 * <p>A tool, not a test: the {@code bench} package is excluded from Surefire.
 */
public final class StrongReadProbe {

    private StrongReadProbe() {
    }

    static String usage() {
        return String.join("\n",
                "StrongReadProbe options:",
                "  --url URL             remote-read endpoint (default http://127.0.0.1:8080/api/v1/read)",
                "  --tenant T            X-Scope-OrgID (default: not sent)",
                "  --match name=value    equality matcher; repeat for more (default __name__=up and",
                "                        instance=10.0.0.0:8080, series 38 of the load generator)",
                "  --consistency C       X-Read-Consistency header; 'none' omits it (default strong)",
                "  --range D             query [now - D, now] (default 5m)",
                "  --interval D          pause between the end of a read and the next (default 200ms)",
                "  --duration D          measured time (default 30s)",
                "  --warmup D            unmeasured time before it (default 5s)",
                "  --timeout D           per-request timeout (default 30s)",
                "  --result-file PATH    also write the JSON line to PATH");
    }

    public static void main(String[] args) throws Exception {
        String url = "http://127.0.0.1:8080/api/v1/read";
        String tenant = null;
        String consistency = "strong";
        Map<String, String> match = new TreeMap<>();
        Duration range = Duration.ofMinutes(5);
        Duration interval = Duration.ofMillis(200);
        Duration duration = Duration.ofSeconds(30);
        Duration warmup = Duration.ofSeconds(5);
        Duration timeout = Duration.ofSeconds(30);
        String resultFile = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println(usage());
                return;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + a + "\n" + usage());
            }
            String v = args[++i];
            switch (a) {
                case "--url" -> url = v;
                case "--tenant" -> tenant = v.isEmpty() ? null : v;
                case "--match" -> {
                    int eq = v.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--match needs name=value");
                    }
                    match.put(v.substring(0, eq), v.substring(eq + 1));
                }
                case "--consistency" -> consistency = v.equals("none") ? null : v;
                case "--range" -> range = RemoteWriteLoadGenerator.Options.parseDuration(v);
                case "--interval" -> interval = RemoteWriteLoadGenerator.Options.parseDuration(v);
                case "--duration" -> duration = RemoteWriteLoadGenerator.Options.parseDuration(v);
                case "--warmup" -> warmup = RemoteWriteLoadGenerator.Options.parseDuration(v);
                case "--timeout" -> timeout = RemoteWriteLoadGenerator.Options.parseDuration(v);
                case "--result-file" -> resultFile = v;
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
            }
        }
        if (match.isEmpty()) {
            match.put("__name__", "up");
            match.put("instance", "10.0.0.0:8080");
        }

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long measureStart = System.nanoTime() + warmup.toNanos();
        long measureEnd = measureStart + duration.toNanos();
        List<Long> latMicros = new ArrayList<>();
        Map<String, Integer> byStatus = new TreeMap<>();
        long nonOk = 0;
        long emptyAnswers = 0;
        long samplesReturned = 0;
        String lastError = "";
        while (System.nanoTime() < measureEnd) {
            long now = System.currentTimeMillis();
            Query.Builder q = Query.newBuilder().setStartTimestampMs(now - range.toMillis()).setEndTimestampMs(now);
            match.forEach((n, val) -> q.addMatchers(LabelMatcher.newBuilder()
                    .setType(LabelMatcher.Type.EQ).setName(n).setValue(val)));
            ReadRequest request = ReadRequest.newBuilder().addQueries(q)
                    .addAcceptedResponseTypes(ReadRequest.ResponseType.SAMPLES).build();
            HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "snappy")
                    .header("X-Prometheus-Remote-Read-Version", "0.1.0")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Snappy.compress(request.toByteArray())));
            if (tenant != null) {
                rb.header("X-Scope-OrgID", tenant);
            }
            if (consistency != null) {
                rb.header("X-Read-Consistency", consistency);
            }
            long sent = System.nanoTime();
            String status;
            long samples = -1;
            try {
                HttpResponse<byte[]> resp = http.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
                status = Integer.toString(resp.statusCode());
                if (resp.statusCode() == 200) {
                    ReadResponse decoded = ReadResponse.parseFrom(Snappy.uncompress(resp.body()));
                    samples = 0;
                    for (QueryResult r : decoded.getResultsList()) {
                        for (var ts : r.getTimeseriesList()) {
                            samples += ts.getSamplesCount();
                        }
                    }
                } else {
                    lastError = status + ": " + new String(resp.body(), 0, Math.min(resp.body().length, 300),
                            StandardCharsets.UTF_8).trim();
                }
            } catch (IOException e) {
                status = "io_error";
                lastError = e.toString();
            }
            long end = System.nanoTime();
            if (sent >= measureStart && end <= measureEnd) {
                latMicros.add((end - sent) / 1000);
                byStatus.merge(status, 1, Integer::sum);
                if (!status.equals("200")) {
                    nonOk++;
                } else if (samples == 0) {
                    emptyAnswers++;
                } else {
                    samplesReturned += samples;
                }
            }
            Thread.sleep(interval.toMillis());
        }
        long[] lat = latMicros.stream().mapToLong(Long::longValue).sorted().toArray();
        StringBuilder codes = new StringBuilder();
        byStatus.forEach((k, v) -> codes.append(codes.length() == 0 ? "" : ",").append('"').append(k).append("\":").append(v));
        String json = String.format(Locale.ROOT,
                "{\"url\":\"%s\",\"consistency\":\"%s\",\"selector\":\"%s\",\"interval_ms\":%d,\"duration_s\":%.2f,"
                + "\"reads\":%d,\"non_200\":%d,\"status\":{%s},\"empty_answers\":%d,\"avg_samples_per_answer\":%.1f,"
                + "\"latency_ms\":{\"p50\":%.2f,\"p99\":%.2f,\"max\":%.2f},\"last_error\":\"%s\"}",
                url, consistency == null ? "" : consistency, match.toString().replace("\"", ""), interval.toMillis(),
                duration.toNanos() / 1e9, lat.length, nonOk, codes, emptyAnswers,
                lat.length - nonOk - emptyAnswers > 0 ? samplesReturned / (double) (lat.length - nonOk - emptyAnswers) : 0.0,
                pct(lat, 0.50), pct(lat, 0.99), lat.length == 0 ? 0 : lat[lat.length - 1] / 1000.0,
                lastError.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " "));
        System.out.println(json);
        if (resultFile != null) {
            Files.writeString(Path.of(resultFile), json + "\n");
        }
        System.exit(0);
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1000.0;
    }
}
