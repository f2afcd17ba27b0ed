package io.tributary.ingester;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.distributor.PartitionRecord;
import io.tributary.distributor.RecordFormat;
import io.tributary.ingest.ProcessedWrite;
import io.tributary.ingest.RemoteWriteVersion;
import io.tributary.ingest.ValidationLimits;
import io.tributary.ingest.WriteRequestProcessor;
import io.tributary.protocol.MimirRecordScanner;
import io.tributary.protocol.RecordVersion;
import io.tributary.storage.HeadOptions;
import io.tributary.testproto.rw1.Label;
import io.tributary.testproto.rw1.Sample;
import io.tributary.testproto.rw1.TimeSeries;
import io.tributary.testproto.rw1.WriteRequest;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * What it measures: the consume side of the hot path on one thread, what a partition reader does per record
 * once Kafka has handed it over: decode the Mimir record value → append every sample to the tenant's head
 * ({@link TenantDatabases#store}). Not included: Kafka's fetch and decompression.
 *
 * <p>Records are produced by the real write path ({@link WriteRequestProcessor}) from requests of
 * {@value #SERIES_PER_REQUEST} series × 1 sample with the load generator's label shape (10 labels), routed to
 * one partition so each record holds a whole request. {@code series} distinct series are sent round-robin, a
 * request at a time, each round 15 s later than the one before, as Prometheus resends its series every scrape.
 * The records of {@value #ROUNDS} rounds are built up front; when they run out, a fresh set of heads starts
 * over (so the score includes creating every series once per {@value #ROUNDS} rounds). Score = samples/s.
 *
 * <p>Run: {@code ./mvnw -q -Pbench test-compile exec:java -Dbench.main=io.tributary.bench.CodecBenchmarkMain
 * -Dexec.args="ConsumePathBenchmark"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ConsumePathBenchmark {
    static final int SERIES_PER_REQUEST = 2000;
    static final int ROUNDS = 120;
    static final long START = 1_760_000_000_000L;

    @Param({"10000"})
    public int series;

    @Param({"1", "2"})
    public int recordVersion;

    private byte[][] records;
    private RecordVersion version;
    private int next;
    private TenantDatabases databases;
    private final MimirRecordScanner scanner = new MimirRecordScanner();
    private Path dir;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        int requestsPerRound = series / SERIES_PER_REQUEST;
        WriteRequestProcessor processor = new WriteRequestProcessor(ValidationLimits.defaults(),
                new RecordFormat(recordVersion, RecordFormat.DEFAULT_MAX_RECORD_SIZE_BYTES));
        List<byte[]> values = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (int r = 0; r < requestsPerRound; r++) {
                byte[] body = request(r * SERIES_PER_REQUEST, START + round * 15_000L).toByteArray();
                ProcessedWrite write = processor.process("bench", body, body.length, RemoteWriteVersion.V1, 1,
                        START);
                for (PartitionRecord record : write.records()) {
                    values.add(record.value());
                }
            }
        }
        records = values.toArray(new byte[0][]);
        version = recordVersion == 1 ? RecordVersion.V1 : RecordVersion.V2;
        dir = Files.createTempDirectory("consume-bench");
        freshHeads();
    }

    private void freshHeads() {
        databases = new TenantDatabases(HeadOptions.defaults(), ReplayCheckpoint.load(dir),
                new LocalBlocks(dir.resolve("blocks"), Long.MAX_VALUE), new SimpleMeterRegistry());
    }

    @Benchmark
    @OperationsPerInvocation(SERIES_PER_REQUEST)
    public Object consume() {
        if (next == records.length) {
            next = 0;
            freshHeads();
        }
        byte[] value = records[next];
        return databases.store(0, next++, "bench", scanner.scan(value, version));
    }

    /** The load generator's shape: 10 labels, the metric name cycling over 50 names. */
    static WriteRequest request(int firstSeries, long timestamp) {
        WriteRequest.Builder req = WriteRequest.newBuilder();
        for (int i = firstSeries; i < firstSeries + SERIES_PER_REQUEST; i++) {
            TimeSeries.Builder ts = TimeSeries.newBuilder();
            String[][] labels = {{"__name__", "metric_" + (i % 50)}, {"cluster", "prod-eu-west-1"},
                    {"instance", "10.0." + (i / 250 % 256) + "." + (i % 250) + ":8080"}, {"job", "bench"},
                    {"namespace", "ns-" + (i % 20)}, {"node", "node-" + (i % 100)}, {"pod", "pod-" + i},
                    {"region", "eu-west-1"}, {"series", Integer.toString(i)}, {"zone", "eu-west-1a"}};
            for (String[] l : labels) {
                ts.addLabels(Label.newBuilder().setName(l[0]).setValue(l[1]));
            }
            ts.addSamples(Sample.newBuilder().setValue(i * 0.5 + timestamp % 1000).setTimestamp(timestamp));
            req.addTimeseries(ts);
        }
        return req.build();
    }
}
