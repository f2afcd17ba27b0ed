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
 * Decode → validate → shard → encode throughput for a Prometheus-like request of {@value #SERIES} series with
 * one sample and ~10 labels each (node_exporter / kube-state-metrics shaped). Score = samples per second.
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

    @Param({"false", "true"})
    public boolean snappy;

    private WriteRequestProcessor processor;
    private RemoteWriteVersion version;
    private byte[] body;
    private byte[] compressed;
    private byte[] decompressBuffer;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        version = RemoteWriteVersion.valueOf(input);
        WriteRequest rw1 = realisticRequest();
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
        return processor.process("team-a", body, body.length, version, PARTITIONS, NOW);
    }

    private static final String[] NODE_METRICS = {"node_cpu_seconds_total", "node_memory_MemAvailable_bytes",
            "node_network_receive_bytes_total", "node_filesystem_avail_bytes", "node_disk_io_time_seconds_total"};
    private static final String[] KSM_METRICS = {"kube_pod_status_phase", "kube_pod_container_status_restarts_total",
            "kube_deployment_status_replicas_available", "kube_pod_info", "container_memory_working_set_bytes"};

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
