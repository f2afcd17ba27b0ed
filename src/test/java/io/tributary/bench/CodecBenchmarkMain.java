package io.tributary.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import io.tributary.distributor.PartitionRecord;
import io.tributary.distributor.RecordFormat;
import io.tributary.ingest.ProcessedWrite;
import io.tributary.ingest.RemoteWriteVersion;
import io.tributary.ingest.ValidationLimits;
import io.tributary.ingest.WriteRequestProcessor;

/**
 * Runs {@link CodecBenchmark} (1 fork, 4×2 s warm-up, 5×3 s measurement, {@code -prof gc}) and prints the label
 * and record sizes of the benchmark requests.
 *
 * <p>{@code ./mvnw -q -Pbench test-compile exec:java -Dbench.main=io.tributary.bench.CodecBenchmarkMain}
 *
 * <p>{@code -Dexec.args=...} takes ordinary JMH options, which override these defaults, e.g.
 * {@code -Dexec.args="-p labels=mixed -p input=V1 -p recordVersion=1 -prof stack"} or {@code -p snappy=true}.
 * Samples/s is the score; bytes allocated per sample is {@code gc.alloc.rate.norm}. Score errors are the
 * 99.9% intervals JMH prints; on a shared machine re-run with {@code -f 2} when they are wide.
 */
public final class CodecBenchmarkMain {

    private CodecBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        exposeClasspathToForks();
        printRecordSizes();
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(cli); // command-line values win over the defaults below
        if (cli.getIncludes().isEmpty()) {
            builder.include(CodecBenchmark.class.getSimpleName());
        }
        if (cli.getProfilers().isEmpty()) {
            builder.addProfiler(GCProfiler.class);
        }
        Options options = builder
                .forks(1)
                .jvmArgsAppend("-Xmx1g")
                .warmupIterations(4).warmupTime(TimeValue.seconds(2))
                .measurementIterations(5).measurementTime(TimeValue.seconds(3))
                .shouldFailOnError(true)
                .build();
        new Runner(options).run();
    }

    /**
     * Under {@code exec:java} the project classpath lives in a class loader, not in {@code java.class.path}, and
     * JMH builds the forked JVM's classpath from that property.
     */
    private static void exposeClasspathToForks() {
        if (Thread.currentThread().getContextClassLoader() instanceof java.net.URLClassLoader loader) {
            StringBuilder cp = new StringBuilder();
            for (java.net.URL url : loader.getURLs()) {
                if (cp.length() > 0) {
                    cp.append(java.io.File.pathSeparatorChar);
                }
                cp.append(new java.io.File(java.net.URI.create(url.toString())).getPath());
            }
            System.setProperty("java.class.path", cp.toString());
        }
    }

    private static void printRecordSizes() throws Exception {
        for (String shape : new String[] {"mixed", "ksm", "node"}) {
            io.tributary.testproto.rw1.WriteRequest r = CodecBenchmark.request(shape);
            long labelBytes = 0;
            long labels = 0;
            for (var ts : r.getTimeseriesList()) {
                for (var l : ts.getLabelsList()) {
                    labelBytes += l.getNameBytes().size() + l.getValueBytes().size();
                    labels++;
                }
            }
            System.out.printf("labels=%s: %.1f labels, %.0f label bytes per series%n", shape,
                    labels / (double) r.getTimeseriesCount(), labelBytes / (double) r.getTimeseriesCount());
        }
        byte[] rw1 = CodecBenchmark.realisticRequest().toByteArray();
        byte[] rw2 = CodecBenchmark.toRw2(CodecBenchmark.realisticRequest()).toByteArray();
        System.out.printf("request: %d series, RW1 body %d bytes, RW2 body %d bytes (snappy: %d / %d)%n",
                CodecBenchmark.SERIES, rw1.length, rw2.length,
                org.xerial.snappy.Snappy.compress(rw1).length, org.xerial.snappy.Snappy.compress(rw2).length);
        for (int partitions : new int[] {1, CodecBenchmark.PARTITIONS}) {
            for (int version : new int[] {1, 2}) {
                ProcessedWrite w = new WriteRequestProcessor(ValidationLimits.defaults(),
                        new RecordFormat(version, RecordFormat.DEFAULT_MAX_RECORD_SIZE_BYTES))
                        .process("team-a", rw1, rw1.length, RemoteWriteVersion.V1, partitions, CodecBenchmark.NOW);
                long bytes = 0;
                long snappyBytes = 0;
                for (PartitionRecord r : w.records()) {
                    bytes += r.value().length;
                    snappyBytes += org.xerial.snappy.Snappy.compress(r.value()).length;
                }
                System.out.printf("record v%d, %2d partitions: %d records, %d bytes total (%d after snappy)%n",
                        version, partitions, w.records().size(), bytes, snappyBytes);
            }
        }
    }
}
