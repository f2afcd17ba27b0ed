package io.tributary.support;

import io.tributary.testproto.read.LabelMatcher;
import io.tributary.testproto.read.Query;
import io.tributary.testproto.read.QueryResult;
import io.tributary.testproto.read.ReadRequest;
import io.tributary.testproto.read.ReadResponse;
import io.tributary.testproto.rw1.Histogram;
import io.tributary.testproto.rw1.Label;
import io.tributary.testproto.rw1.TimeSeries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.xerial.snappy.Snappy;

/** Reads from a running Tributary through Prometheus remote read (SAMPLES answers), as a Prometheus server does. */
public final class RemoteReadClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    /**
     * The answer: status, error text, and per series (labels rendered as {a="b",...}) its samples in order, and
     * per series with native histograms those in order.
     */
    public record Result(int status, String error, Map<String, List<double[]>> series,
            Map<String, List<Histogram>> histograms) {
        public long sampleCount() {
            return series.values().stream().mapToLong(List::size).sum();
        }
    }

    public RemoteReadClient(int port) {
        this.port = port;
    }

    /** Reads every series whose metric name matches the regex, in [start, end], with the given consistency. */
    public Result read(String tenant, String consistency, long start, long end, String nameRegex) {
        ReadRequest request = ReadRequest.newBuilder().addQueries(Query.newBuilder()
                .setStartTimestampMs(start).setEndTimestampMs(end)
                .addMatchers(LabelMatcher.newBuilder().setType(LabelMatcher.Type.RE).setName("__name__").setValue(nameRegex)))
                .addAcceptedResponseTypes(ReadRequest.ResponseType.SAMPLES).build();
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/read"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "snappy")
                    .header("X-Prometheus-Remote-Read-Version", "0.1.0")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((tenant + ":x").getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Snappy.compress(request.toByteArray())));
            if (consistency != null) {
                builder.header("X-Read-Consistency", consistency);
            }
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return new Result(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8), Map.of(),
                        Map.of());
            }
            ReadResponse decoded = ReadResponse.parseFrom(Snappy.uncompress(response.body()));
            Map<String, List<double[]>> series = new TreeMap<>();
            Map<String, List<Histogram>> histograms = new TreeMap<>();
            for (QueryResult result : decoded.getResultsList()) {
                for (TimeSeries ts : result.getTimeseriesList()) {
                    if (ts.getHistogramsCount() > 0) {
                        histograms.computeIfAbsent(render(ts.getLabelsList()), k -> new ArrayList<>())
                                .addAll(ts.getHistogramsList());
                    }
                    if (ts.getSamplesCount() == 0 && ts.getHistogramsCount() > 0) {
                        continue;
                    }
                    List<double[]> samples = new ArrayList<>();
                    ts.getSamplesList().forEach(s -> samples.add(new double[] {s.getTimestamp(), s.getValue()}));
                    series.merge(render(ts.getLabelsList()), samples, (a, b) -> {
                        a.addAll(b);
                        return a;
                    });
                }
            }
            return new Result(200, null, series, histograms);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String render(List<Label> labels) {
        StringBuilder sb = new StringBuilder("{");
        for (Label l : labels) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(l.getName()).append("=\"").append(l.getValue()).append('"');
        }
        return sb.append('}').toString();
    }

    public static String render(Map<String, String> labels) {
        StringBuilder sb = new StringBuilder("{");
        new TreeMap<>(labels).forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(k).append("=\"").append(v).append('"');
        });
        return sb.append('}').toString();
    }
}
