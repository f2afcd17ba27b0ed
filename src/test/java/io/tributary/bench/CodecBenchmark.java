package io.tributary.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.xerial.snappy.Snappy;

import io.tributary.distributor.RecordFormat;
import io.tributary.ingest.ProcessedWrite;
import io.tributary.ingest.RemoteWriteVersion;
import io.tributary.ingest.ValidationLimits;
import io.tributary.ingest.WriteRequestProcessor;
import io.tributary.protocol.SnappyBlock;
import io.tributary.testproto.rw1.Label;
import io.tributary.testproto.rw1.Sample;
import io.tributary.testproto.rw1.TimeSeries;
import io.tributary.testproto.rw1.WriteRequest;

/**
 * What it measures: the CPU cost of {@link WriteRequestProcessor#process} on one thread, i.e. decode (protobuf
 * scan) → validate → token (Mimir FNV-1) + partition routing over {@value #PARTITIONS} partitions → encode of
 * the per-partition Mimir record values (v1 or v2). Not included: HTTP, snappy (unless {@code snappy=true}),
 * Kafka. The request holds {@value #SERIES} series with one sample each, so the score (ops/s) is samples/s and
 * {@code gc.alloc.rate.norm} from {@code -prof gc} is bytes allocated per sample.
 *
 * <p>The same request is processed repeatedly, as a Prometheus server resends the same series every scrape
 * interval; samples and timestamps are what change in reality, labels are not. {@code churn=true} measures
 * the opposite: series never seen before.
 *
 * <p>Label shapes ({@code labels}):
 * <ul>
 * <li>{@code mixed}: half node_exporter-like, half kube-state-metrics-like, ~10 labels, ~230 label bytes;</li>
 * <li>{@code ksm}: kube-state-metrics {@code kube_pod_container_*}-like, 12 labels, ~350 label bytes;</li>
 * <li>{@code node}: node_exporter-like, 5 labels, ~120 label bytes.</li>
 * </ul>
 * Run via {@link CodecBenchmarkMain}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {

    static final int SERIES = 2000;
    static final long NOW = 1_760_000_000_000L;
    static final int PARTITIONS = 16;

    @Param({"V1", "V2"})
    public String input;

    @Param({"1", "2"})
    public int recordVersion;

    /** Decompression is measured separately (and by default not at all); it is not the codec's cost. */
    @Param({"false"})
    public boolean snappy;

    @Param({"mixed", "ksm", "node"})
    public String labels;

    /**
     * {@code true} sends every request as a new tenant, so no series is ever in the label-set cache: the cost
     * of series the process has not seen before (the cache's miss path), instead of the steady state.
     */
    @Param({"false"})
    public boolean churn;

    private long requests;

    private WriteRequestProcessor processor;
    private RemoteWriteVersion version;
    private byte[] body;
    private byte[] compressed;
    private byte[] decompressBuffer;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        version = RemoteWriteVersion.valueOf(input);
        WriteRequest rw1 = request(labels);
        body = version == RemoteWriteVersion.V1 ? rw1.toByteArray() : toRw2(rw1).toByteArray();
        compressed = Snappy.compress(body);
        decompressBuffer = new byte[body.length];
        processor = new WriteRequestProcessor(ValidationLimits.defaults(),
                new RecordFormat(recordVersion, RecordFormat.DEFAULT_MAX_RECORD_SIZE_BYTES));
    }

    @Benchmark
    @OperationsPerInvocation(SERIES)
    public ProcessedWrite process() throws Exception {
        if (snappy) {
            int n = SnappyBlock.uncompressedLength(compressed, 0, compressed.length, 64 << 20);
            SnappyBlock.decompressInto(compressed, 0, compressed.length, decompressBuffer, n);
            return processor.process("team-a", decompressBuffer, n, version, PARTITIONS, NOW);
        }
        String tenant = churn ? "team-" + (requests++) : "team-a";
        return processor.process(tenant, body, body.length, version, PARTITIONS, NOW);
    }

    private static final String[] NODE_METRICS = {"node_cpu_seconds_total", "node_memory_MemAvailable_bytes",
            "node_network_receive_bytes_total", "node_filesystem_avail_bytes", "node_disk_io_time_seconds_total"};
    private static final String[] KSM_METRICS = {"kube_pod_status_phase", "kube_pod_container_status_restarts_total",
            "kube_deployment_status_replicas_available", "kube_pod_info", "container_memory_working_set_bytes"};

    static WriteRequest request(String shape) {
        return switch (shape) {
            case "mixed" -> realisticRequest();
            case "ksm" -> ksmRequest();
            case "node" -> nodeRequest();
            default -> throw new IllegalArgumentException("unknown label shape " + shape);
        };
    }

    /**
     * kube-state-metrics {@code kube_pod_container_status_*}: 12 labels, ~350 bytes of label names and values
     * (UIDs and long pod/node names are what make KSM series large).
     */
    static WriteRequest ksmRequest() {
        String[] metrics = {"kube_pod_container_status_restarts_total", "kube_pod_container_status_ready",
                "kube_pod_container_resource_requests", "kube_pod_container_status_running"};
        WriteRequest.Builder req = WriteRequest.newBuilder();
        for (int i = 0; i < SERIES; i++) {
            String[][] l = {
                    {"__name__", metrics[i % 4]},
                    {"cluster", "prod-eu-west-1"},
                    {"container", "checkout-service-" + (i % 7)},
                    {"instance", "10.42." + (i % 200) + ".17:8080"},
                    {"job", "kube-state-metrics"},
                    {"namespace", "shop-" + (i % 12)},
                    {"node", "ip-10-0-" + (i % 30) + "-17.eu-west-1.compute.internal"},
                    {"pod", "checkout-service-7f9c8d6b5-" + Integer.toString(i * 7919 % 100000, 36)},
                    {"region", "eu-west-1"},
                    {"service", "kube-state-metrics"},
                    {"uid", String.format("%08x-9c1e-4b7a-8f3d-%012x", i * 2654435761L & 0xffffffffL, i * 40503L)},
                    {"zone", "eu-west-1" + (char) ('a' + i % 3)}};
            req.addTimeseries(series(l, i));
        }
        return req.build();
    }

    /** node_exporter {@code node_cpu_seconds_total}-like: 5 labels, ~120 bytes. */
    static WriteRequest nodeRequest() {
        String[] modes = {"idle", "user", "system", "iowait", "irq", "softirq", "steal", "nice"};
        WriteRequest.Builder req = WriteRequest.newBuilder();
        for (int i = 0; i < SERIES; i++) {
            String[][] l = {
                    {"__name__", "node_cpu_seconds_total"},
                    {"cpu", Integer.toString(i % 64)},
                    {"instance", "ip-10-0-" + (i / 64) + "-17.eu-west-1.compute.internal:9100"},
                    {"job", "node-exporter"},
                    {"mode", modes[i / 64 % 8]}};
            req.addTimeseries(series(l, i));
        }
        return req.build();
    }

    private static TimeSeries.Builder series(String[][] labels, int i) {
        TimeSeries.Builder ts = TimeSeries.newBuilder();
        for (String[] l : labels) {
            ts.addLabels(Label.newBuilder().setName(l[0]).setValue(l[1]));
        }
        return ts.addSamples(Sample.newBuilder().setValue(i * 1.25).setTimestamp(NOW - 15_000));
    }

    /** 2000 series: half node_exporter-like, half kube-state-metrics-like; labels sorted, ~10 per series. */
    static WriteRequest realisticRequest() {
        WriteRequest.Builder req = WriteRequest.newBuilder();
        for (int i = 0; i < SERIES; i++) {
            List<String[]> labels = new ArrayList<>();
            boolean node = i % 2 == 0;
            String metric = node ? NODE_METRICS[i % 5] : KSM_METRICS[i % 5];
            labels.add(new String[] {"__name__", metric});
            labels.add(new String[] {"cluster", "prod-eu-west-1"});
            if (node) {
                labels.add(new String[] {"cpu", Integer.toString(i % 16)});
                labels.add(new String[] {"device", "nvme0n" + (i % 4)});
            } else {
                labels.add(new String[] {"container", "app-" + (i % 40)});
            }
            labels.add(new String[] {"instance", "10.0." + (i / 250) + "." + (i % 250) + ":9100"});
            labels.add(new String[] {"job", node ? "node-exporter" : "kube-state-metrics"});
            if (node) {
                labels.add(new String[] {"mode", (i % 3 == 0) ? "idle" : "user"});
            }
            labels.add(new String[] {"namespace", node ? "monitoring" : "shop-" + (i % 12)});
            labels.add(new String[] {"node", "ip-10-0-" + (i % 30) + "-17.eu-west-1.compute.internal"});
            labels.add(new String[] {"pod", "checkout-7f9c8d6b5-" + Integer.toString(i * 7919 % 100000, 36)});
            labels.add(new String[] {"region", "eu-west-1"});
            TimeSeries.Builder ts = TimeSeries.newBuilder();
            for (String[] l : labels) {
                ts.addLabels(Label.newBuilder().setName(l[0]).setValue(l[1]));
            }
            ts.addSamples(Sample.newBuilder().setValue(i * 1.25).setTimestamp(NOW - 15_000));
            req.addTimeseries(ts);
        }
        return req.build();
    }

    static io.tributary.testproto.rw2.Request toRw2(WriteRequest rw1) {
        List<String> symbols = new ArrayList<>(List.of(""));
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        index.put("", 0);
        io.tributary.testproto.rw2.Request.Builder out = io.tributary.testproto.rw2.Request.newBuilder();
        for (TimeSeries ts : rw1.getTimeseriesList()) {
            var b = io.tributary.testproto.rw2.TimeSeries.newBuilder();
            for (Label l : ts.getLabelsList()) {
                for (String s : new String[] {l.getName(), l.getValue()}) {
                    b.addLabelsRefs(index.computeIfAbsent(s, k -> {
                        symbols.add(k);
                        return symbols.size() - 1;
                    }));
                }
            }
            for (Sample s : ts.getSamplesList()) {
                b.addSamples(io.tributary.testproto.rw2.Sample.newBuilder().setValue(s.getValue()).setTimestamp(s.getTimestamp()));
            }
            b.setMetadata(io.tributary.testproto.rw2.Metadata.newBuilder().setTypeValue(2));
            out.addTimeseries(b);
        }
        return out.addAllSymbols(symbols).build();
    }
}
