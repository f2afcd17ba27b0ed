package io.tributary.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.xerial.snappy.Snappy;

/**
 * Closed-loop Prometheus remote-write (1.0 or 2.0) load generator, with a built-in trivial sink to measure its own ceiling.
 *
 * <p>Each worker owns a fixed slice of the series, the way a Prometheus remote-write shard does, and sends its
 * batches one after another. That keeps every series on one connection in send order, so a receiver that rejects
 * out-of-order samples (Prometheus TSDB) never sees one. Every request carries one sample per series of its batch,
 * all stamped with the same timestamp (like one scrape), strictly greater than that batch's previous timestamp.
 *
 * <p>To keep the client cheap, every batch is protobuf-encoded once up front; a request only patches the fixed-width
 * value and timestamp bytes in place and snappy-compresses the result.
 *
 * <p>Run {@code --help} for options. This is a tool, not a test: the {@code bench} package is excluded from Surefire.
 */
public final class RemoteWriteLoadGenerator {

    /** Little-endian view used to patch protobuf fixed64 doubles in place. */
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * Millisecond timestamps between 2^35 and 2^42 (years 1971 to 2109) always take six varint bytes, which is what
     * lets a pre-encoded request be patched without moving any byte.
     */
    private static final int TS_VARINT_BYTES = 6;

    private static final String V1_CONTENT_TYPE = "application/x-protobuf";
    private static final String V2_CONTENT_TYPE = "application/x-protobuf;proto=io.prometheus.write.v2.Request";

    private RemoteWriteLoadGenerator() {
    }

    /**
     * Entry point; see {@link #usage()}.
     *
     * @param args command-line options
     * @throws Exception on setup failure (network errors during the run are counted, not thrown)
     */
    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        if (o.url == null && o.sinkPort > 0) {
            new Sink(o.sinkPort, o.sinkVerify).serveForever();
            return;
        }
        if (o.url == null) {
            System.err.println("--url or --sink-port is required\n" + usage());
            System.exit(2);
        }
        if (o.sinkPort > 0) {
            // Convenience: an in-process sink, for a quick self-check in one command.
            Sink sink = new Sink(o.sinkPort, o.sinkVerify);
            Thread t = new Thread(sink::serveQuietly, "sink-accept");
            t.setDaemon(true);
            t.start();
        }
        String json = new LoadRun(o).run();
        System.out.println(json);
        if (o.resultFile != null) {
            Files.writeString(Path.of(o.resultFile), json + "\n");
        }
        // HttpClient's selector thread is not a daemon in every JDK build; don't let it keep us alive.
        System.exit(0);
    }

    static String usage() {
        return String.join("\n",
                "RemoteWriteLoadGenerator options:",
                "  --url URL                  remote-write endpoint, e.g. http://127.0.0.1:9090/api/v1/write",
                "  --series N                 active series (default 10000)",
                "  --samples-per-request N    max samples per request, like max_samples_per_send (default 2000)",
                "  --concurrency N            closed-loop workers, like remote-write shards (default 4)",
                "  --duration D               measured time, e.g. 30s, 2m (default 30s)",
                "  --warmup D                 unmeasured load before measuring (default 5s)",
                "  --tenant T                 X-Scope-OrgID header value (default: header not sent)",
                "  --protocol v1|v2           remote-write 1.0 or 2.0 (default v1)",
                "  --label-count N            labels per series including __name__, 2..16 (default 10)",
                "  --timeout D                per-request timeout (default 30s)",
                "  --rate N                   cap the total at N samples/s, paced per worker with sleeps",
                "                             (default 0: no cap, every worker sends as fast as answers come)",
                "  --output json|line         stdout format (default json)",
                "  --result-file PATH         also write the result line to PATH",
                "  --sink-port P              without --url: run a sink that answers 204 until killed;",
                "                             with --url: also start that sink in-process",
                "  --sink-verify              sink decodes every request and checks labels and timestamp order");
    }

    // ------------------------------------------------------------------------------------------------ options

    /** Parsed command-line options. */
    static final class Options {
        String url;
        int series = 10_000;
        int samplesPerRequest = 2000;
        int concurrency = 4;
        Duration duration = Duration.ofSeconds(30);
        Duration warmup = Duration.ofSeconds(5);
        Duration timeout = Duration.ofSeconds(30);
        double rate;
        String tenant;
        boolean v2;
        int labelCount = 10;
        boolean jsonOutput = true;
        String resultFile;
        int sinkPort;
        boolean sinkVerify;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String v = null;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) {
                    v = a.substring(eq + 1);
                    a = a.substring(0, eq);
                }
                boolean flag = a.equals("--sink-verify") || a.equals("--help") || a.equals("-h");
                if (!flag && v == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("missing value for " + a);
                    }
                    v = args[++i];
                }
                switch (a) {
                    case "--url" -> o.url = v;
                    case "--series" -> o.series = Integer.parseInt(v.replace("_", ""));
                    case "--samples-per-request" -> o.samplesPerRequest = Integer.parseInt(v);
                    case "--concurrency" -> o.concurrency = Integer.parseInt(v);
                    case "--duration" -> o.duration = parseDuration(v);
                    case "--warmup" -> o.warmup = parseDuration(v);
                    case "--timeout" -> o.timeout = parseDuration(v);
                    case "--rate" -> o.rate = Double.parseDouble(v.replace("_", ""));
                    case "--tenant" -> o.tenant = v.isEmpty() ? null : v;
                    case "--protocol" -> o.v2 = switch (v) {
                        case "v1", "1", "1.0" -> false;
                        case "v2", "2", "2.0" -> true;
                        default -> throw new IllegalArgumentException("--protocol must be v1 or v2");
                    };
                    case "--label-count" -> o.labelCount = Integer.parseInt(v);
                    case "--output" -> o.jsonOutput = !v.equals("line");
                    case "--result-file" -> o.resultFile = v;
                    case "--sink-port" -> o.sinkPort = Integer.parseInt(v);
                    case "--sink-verify" -> o.sinkVerify = true;
                    case "--help", "-h" -> {
                        System.out.println(usage());
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
                }
            }
            if (o.rate < 0) {
                throw new IllegalArgumentException("--rate must be >= 0");
            }
            if (o.series < 1 || o.samplesPerRequest < 1 || o.concurrency < 1) {
                throw new IllegalArgumentException("--series, --samples-per-request and --concurrency must be >= 1");
            }
            if (o.labelCount < 2 || o.labelCount > SeriesFactory.MAX_LABELS) {
                throw new IllegalArgumentException("--label-count must be 2.." + SeriesFactory.MAX_LABELS);
            }
            return o;
        }

        static Duration parseDuration(String v) {
            String s = v.trim().toLowerCase(Locale.ROOT);
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            char unit = s.charAt(s.length() - 1);
            if (Character.isDigit(unit)) {
                return Duration.ofSeconds(Long.parseLong(s));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (unit) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new IllegalArgumentException("bad duration " + v);
            };
        }
    }

    // ------------------------------------------------------------------------------------------------ series

    /** One series: sorted label pairs plus what its values look like. */
    record SeriesDef(String[] names, String[] values, boolean counter, double base, double step) {
    }

    /**
     * Builds deterministic, realistic label sets: node_exporter, kube-state-metrics, cAdvisor and application
     * families, scraped from one "target" per {@code instance}. Series {@code i} is family {@code i % F} of target
     * {@code i / F}, so ({@code __name__}, {@code instance}) is unique and any label-count from 2 up keeps series
     * distinct.
     */
    static final class SeriesFactory {
        static final int MAX_LABELS = 16;

        /** Family name, job, counter?, typical magnitude, then up to three family-specific label names. */
        private static final String[][] FAMILIES = {
            {"node_cpu_seconds_total", "node-exporter", "c", "1e5", "cpu", "mode"},
            {"node_memory_MemAvailable_bytes", "node-exporter", "g", "8e9"},
            {"node_memory_MemTotal_bytes", "node-exporter", "g", "3.2e10"},
            {"node_filesystem_avail_bytes", "node-exporter", "g", "5e10", "device", "fstype", "mountpoint"},
            {"node_filesystem_size_bytes", "node-exporter", "g", "1e11", "device", "fstype", "mountpoint"},
            {"node_network_receive_bytes_total", "node-exporter", "c", "1e12", "device"},
            {"node_network_transmit_bytes_total", "node-exporter", "c", "1e12", "device"},
            {"node_disk_read_bytes_total", "node-exporter", "c", "1e11", "device"},
            {"node_disk_written_bytes_total", "node-exporter", "c", "1e11", "device"},
            {"node_disk_io_time_seconds_total", "node-exporter", "c", "1e5", "device"},
            {"node_load1", "node-exporter", "g", "2"},
            {"node_load5", "node-exporter", "g", "2"},
            {"node_context_switches_total", "node-exporter", "c", "1e10"},
            {"node_vmstat_pgfault", "node-exporter", "c", "1e9"},
            {"kube_pod_status_phase", "kube-state-metrics", "g", "1", "phase", "uid"},
            {"kube_pod_container_status_restarts_total", "kube-state-metrics", "c", "3", "uid"},
            {"kube_pod_container_resource_requests", "kube-state-metrics", "g", "0.5", "resource", "unit", "uid"},
            {"kube_pod_container_resource_limits", "kube-state-metrics", "g", "1", "resource", "unit", "uid"},
            {"kube_pod_info", "kube-state-metrics", "g", "1", "host_ip", "pod_ip", "uid"},
            {"kube_deployment_status_replicas_available", "kube-state-metrics", "g", "3", "deployment"},
            {"container_cpu_usage_seconds_total", "kubelet", "c", "1e4", "cpu", "id", "image"},
            {"container_memory_working_set_bytes", "kubelet", "g", "5e8", "id", "image"},
            {"container_memory_rss", "kubelet", "g", "4e8", "id", "image"},
            {"container_network_receive_bytes_total", "kubelet", "c", "1e10", "interface", "id"},
            {"container_network_transmit_bytes_total", "kubelet", "c", "1e10", "interface", "id"},
            {"container_fs_writes_bytes_total", "kubelet", "c", "1e9", "device", "id"},
            {"container_cpu_cfs_throttled_periods_total", "kubelet", "c", "1e3", "id"},
            {"http_requests_total", "api-gateway", "c", "1e6", "code", "handler", "method"},
            {"http_request_duration_seconds_bucket", "api-gateway", "c", "1e6", "handler", "le", "method"},
            {"http_request_duration_seconds_count", "api-gateway", "c", "1e6", "handler", "method"},
            {"http_request_duration_seconds_sum", "api-gateway", "c", "1e4", "handler", "method"},
            {"process_resident_memory_bytes", "api-gateway", "g", "2e8"},
            {"process_cpu_seconds_total", "api-gateway", "c", "1e4"},
            {"go_goroutines", "api-gateway", "g", "200"},
            {"go_gc_duration_seconds", "api-gateway", "g", "1e-3", "quantile"},
            {"jvm_memory_used_bytes", "checkout-service", "g", "3e8", "area", "id"},
            {"jvm_gc_pause_seconds_count", "checkout-service", "c", "1e4", "action", "cause", "gc"},
            {"jvm_threads_live_threads", "checkout-service", "g", "60"},
            {"up", "api-gateway", "g", "1"},
            {"scrape_duration_seconds", "api-gateway", "g", "0.05"},
        };

        /** Target labels by priority after __name__, instance and job; family labels follow, then fillers. */
        private static final String[] TARGET_LABELS = {"namespace", "pod", "container", "cluster", "node"};
        private static final String[] FILLER_LABELS = {"service", "endpoint", "region", "zone", "team", "tier", "env"};

        private static final String[] NAMESPACES = {"default", "kube-system", "monitoring", "payments", "checkout",
            "search", "ingress-nginx", "logging", "cert-manager", "orders", "inventory", "identity"};
        private static final String[] MODES = {"idle", "user", "system", "iowait", "irq", "softirq", "steal", "nice"};
        private static final String[] HANDLERS = {"/api/v1/orders", "/api/v1/cart", "/api/v1/users/{id}", "/healthz",
            "/api/v1/search", "/api/v1/payments"};
        private static final String[] LE = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"};
        private static final String[] CODES = {"200", "201", "204", "400", "404", "500", "503"};
        private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};

        static List<SeriesDef> build(int count, int labelCount) {
            List<SeriesDef> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                out.add(one(i, labelCount));
            }
            return out;
        }

        private static SeriesDef one(int i, int labelCount) {
            String[] fam = FAMILIES[i % FAMILIES.length];
            int t = i / FAMILIES.length;
            // Labels in priority order; the first labelCount are kept, then sorted by name.
            Map<String, String> l = new LinkedHashMap<>();
            l.put("__name__", fam[0]);
            l.put("instance", "10." + (t >> 16 & 255) + "." + (t >> 8 & 255) + "." + (t & 255) + ":" + port(fam[1]));
            l.put("job", fam[1]);
            String ns = NAMESPACES[t % NAMESPACES.length];
            String app = fam[1].equals("node-exporter") ? "node-exporter" : ns + "-app-" + (t % 37);
            String pod = app + "-" + hex(t * 2654435761L, 10) + "-" + hex(t * 40503L + 7, 5);
            String[] target = {ns, pod, app, "prod-eu-west-1", "ip-10-" + (t / 40 % 256) + "-" + (t / 8 % 256)
                + "-" + (t % 256) + ".eu-west-1.compute.internal"};
            for (int k = 0; k < TARGET_LABELS.length; k++) {
                l.put(TARGET_LABELS[k], target[k]);
            }
            for (int k = 4; k < fam.length; k++) {
                l.put(fam[k], familyValue(fam[k], t, i));
            }
            for (String f : FILLER_LABELS) {
                l.put(f, f + "-" + (t % 7));
            }
            TreeMap<String, String> kept = new TreeMap<>();
            int n = 0;
            for (Map.Entry<String, String> e : l.entrySet()) {
                if (n++ == labelCount) {
                    break;
                }
                kept.put(e.getKey(), e.getValue());
            }
            String[] names = kept.keySet().toArray(new String[0]);
            String[] values = kept.values().toArray(new String[0]);
            double magnitude = Double.parseDouble(fam[3]);
            double base = magnitude * (0.25 + ((i * 7919L) % 1000) / 1000.0);
            boolean counter = fam[2].equals("c");
            // A counter grows a little every scrape; a gauge wobbles. Both give the server's XOR encoding real work.
            double step = counter ? Math.max(1, magnitude / 1e4) * (1 + i % 5) : magnitude / 200;
            return new SeriesDef(names, values, counter, base, step);
        }

        private static String familyValue(String name, int t, int i) {
            return switch (name) {
                case "cpu" -> Integer.toString(t % 16);
                case "mode" -> MODES[t % MODES.length];
                case "device" -> (t % 3 == 0 ? "nvme0n1" : t % 3 == 1 ? "eth0" : "sda") + (t % 2 == 0 ? "" : "p1");
                case "fstype" -> t % 2 == 0 ? "ext4" : "xfs";
                case "mountpoint" -> t % 2 == 0 ? "/" : "/var/lib/kubelet";
                case "phase" -> t % 5 == 0 ? "Pending" : "Running";
                case "uid" -> hex(t * 0x9E3779B97F4A7C15L, 8) + "-" + hex(t * 31L + 17, 4) + "-4" + hex(t, 3)
                    + "-8" + hex(t * 7L, 3) + "-" + hex(t * 0xC2B2AE3D27D4EB4FL, 12);
                case "resource" -> t % 2 == 0 ? "cpu" : "memory";
                case "unit" -> t % 2 == 0 ? "core" : "byte";
                case "host_ip", "pod_ip" -> "10." + (100 + t % 100) + "." + (t >> 8 & 255) + "." + (t & 255);
                case "deployment" -> "deploy-" + (t % 97);
                case "id" -> "/kubepods.slice/kubepods-burstable.slice/pod" + hex(t * 0x9E3779B97F4A7C15L, 16);
                case "image" -> "registry.example.com/team/app-" + (t % 37) + ":1." + (t % 9) + "." + (t % 4);
                case "interface" -> "eth0";
                case "code" -> CODES[t % CODES.length];
                case "handler" -> HANDLERS[t % HANDLERS.length];
                case "method" -> METHODS[t % METHODS.length];
                case "le" -> LE[t % LE.length];
                case "quantile" -> new String[] {"0", "0.25", "0.5", "0.75", "1"}[t % 5];
                case "area" -> t % 2 == 0 ? "heap" : "nonheap";
                case "action" -> "end of minor GC";
                case "cause" -> "G1 Evacuation Pause";
                case "gc" -> "G1 Young Generation";
                default -> name + "-" + (i % 11);
            };
        }

        private static String port(String job) {
            return switch (job) {
                case "node-exporter" -> "9100";
                case "kube-state-metrics" -> "8080";
                case "kubelet" -> "10250";
                default -> "8080";
            };
        }

        private static String hex(long v, int len) {
            String s = Long.toHexString(v & Long.MAX_VALUE);
            while (s.length() < len) {
                s = "0" + s;
            }
            return s.substring(s.length() - len);
        }
    }

    // ------------------------------------------------------------------------------------------------ encoding

    /**
     * A pre-encoded request for a fixed group of series. Only the sample bytes change between sends, and they sit at
     * known offsets with fixed width (fixed64 value, six-byte varint timestamp).
     */
    static final class Batch {
        final byte[] raw;
        final int[] valueOffsets;
        final int[] tsOffsets;
        final SeriesDef[] series;
        long lastTs;
        long cycle;

        private Batch(byte[] raw, int[] valueOffsets, int[] tsOffsets, SeriesDef[] series) {
            this.raw = raw;
            this.valueOffsets = valueOffsets;
            this.tsOffsets = tsOffsets;
            this.series = series;
        }

        int samples() {
            return series.length;
        }

        /** Writes this cycle's values and the given timestamp into the pre-encoded bytes. */
        void patch(long ts) {
            byte[] tsBytes = new byte[TS_VARINT_BYTES];
            if (writeVarint(tsBytes, 0, ts) != TS_VARINT_BYTES) {
                throw new IllegalStateException("timestamp " + ts + " does not encode in six varint bytes");
            }
            long c = ++cycle;
            for (int k = 0; k < series.length; k++) {
                SeriesDef s = series[k];
                double v = s.counter()
                        ? s.base() + c * s.step()
                        : s.base() + s.step() * (((c * 31 + k) % 17) - 8);
                LONG_LE.set(raw, valueOffsets[k], Double.doubleToRawLongBits(v));
                System.arraycopy(tsBytes, 0, raw, tsOffsets[k], TS_VARINT_BYTES);
            }
        }

        static Batch encodeV1(SeriesDef[] series) {
            ProtoWriter w = new ProtoWriter();
            int[] vOff = new int[series.length];
            int[] tOff = new int[series.length];
            ProtoWriter ts = new ProtoWriter();
            ProtoWriter lab = new ProtoWriter();
            for (int k = 0; k < series.length; k++) {
                SeriesDef s = series[k];
                ts.reset();
                for (int j = 0; j < s.names().length; j++) {
                    lab.reset();
                    lab.string(1, s.names()[j]);
                    lab.string(2, s.values()[j]);
                    ts.bytes(1, lab);
                }
                // Sample{value=1 fixed64, timestamp=2 varint}: 1+8+1+6 = 16 bytes. Proto3 writers skip zero values,
                // but an explicit zero is valid on the wire, and fixed width is what makes patching possible.
                ts.tag(2, 2);
                ts.varint(16);
                int sampleStart = ts.size();
                ts.tag(1, 1);
                ts.fixed64(0);
                ts.tag(2, 0);
                ts.varint(1L << 35);
                w.tag(1, 2);
                w.varint(ts.size());
                int tsStart = w.size();
                w.raw(ts);
                vOff[k] = tsStart + sampleStart + 1;
                tOff[k] = tsStart + sampleStart + 10;
            }
            return new Batch(w.toByteArray(), vOff, tOff, series);
        }

        static Batch encodeV2(SeriesDef[] series) {
            Map<String, Integer> symbols = new LinkedHashMap<>();
            symbols.put("", 0);
            ProtoWriter body = new ProtoWriter();
            ProtoWriter ts = new ProtoWriter();
            ProtoWriter refs = new ProtoWriter();
            int[] vOff = new int[series.length];
            int[] tOff = new int[series.length];
            for (int k = 0; k < series.length; k++) {
                SeriesDef s = series[k];
                refs.reset();
                for (int j = 0; j < s.names().length; j++) {
                    refs.varint(symbols.computeIfAbsent(s.names()[j], x -> symbols.size()));
                    refs.varint(symbols.computeIfAbsent(s.values()[j], x -> symbols.size()));
                }
                ts.reset();
                ts.bytes(1, refs); // packed labels_refs
                ts.tag(2, 2);
                ts.varint(16);
                int sampleStart = ts.size();
                ts.tag(1, 1);
                ts.fixed64(0);
                ts.tag(2, 0);
                ts.varint(1L << 35);
                // Metadata{type=1}: COUNTER=1, GAUGE=2; the 2.0 spec says senders SHOULD set it.
                ts.tag(5, 2);
                ts.varint(2);
                ts.tag(1, 0);
                ts.varint(s.counter() ? 1 : 2);
                body.tag(5, 2);
                body.varint(ts.size());
                int tsStart = body.size();
                body.raw(ts);
                vOff[k] = tsStart + sampleStart + 1;
                tOff[k] = tsStart + sampleStart + 10;
            }
            ProtoWriter head = new ProtoWriter();
            for (String sym : symbols.keySet()) {
                head.string(4, sym);
            }
            int shift = head.size();
            head.raw(body);
            for (int k = 0; k < series.length; k++) {
                vOff[k] += shift;
                tOff[k] += shift;
            }
            return new Batch(head.toByteArray(), vOff, tOff, series);
        }
    }

    /** Minimal protobuf wire writer; enough for the two fixed message shapes above. */
    static final class ProtoWriter {
        private byte[] buf = new byte[256];
        private int n;

        void reset() {
            n = 0;
        }

        int size() {
            return n;
        }

        private void ensure(int more) {
            if (n + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
            }
        }

        void tag(int field, int wireType) {
            varint((long) field << 3 | wireType);
        }

        void varint(long v) {
            ensure(10);
            n = writeVarint(buf, n, v);
        }

        void fixed64(long v) {
            ensure(8);
            LONG_LE.set(buf, n, v);
            n += 8;
        }

        void string(int field, String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            tag(field, 2);
            varint(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, n, b.length);
            n += b.length;
        }

        void bytes(int field, ProtoWriter other) {
            tag(field, 2);
            varint(other.n);
            raw(other);
        }

        void raw(ProtoWriter other) {
            ensure(other.n);
            System.arraycopy(other.buf, 0, buf, n, other.n);
            n += other.n;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, n);
        }
    }

    static int writeVarint(byte[] b, int pos, long v) {
        while ((v & ~0x7FL) != 0) {
            b[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[pos++] = (byte) v;
        return pos;
    }

    // ------------------------------------------------------------------------------------------------ load

    /** Per-worker counters; merged after the run so workers never contend. */
    static final class Stats {
        final long[] byStatus = new long[600];
        long ioErrors;
        long samplesAcked;
        long bytesSent;
        long requests;
        long writtenHeaderMissing;
        long writtenMismatch;
        long[] latMicros = new long[1 << 14];
        int latN;

        void latency(long micros) {
            if (latN == latMicros.length) {
                latMicros = Arrays.copyOf(latMicros, latN * 2);
            }
            latMicros[latN++] = micros;
        }
    }

    /** One measured run against {@code --url}. */
    static final class LoadRun {
        private final Options o;
        private volatile boolean stop;
        private volatile long measureStartNanos = Long.MAX_VALUE;
        private volatile long measureEndNanos = Long.MAX_VALUE;
        private final AtomicLong errorsLogged = new AtomicLong();

        LoadRun(Options o) {
            this.o = o;
        }

        String run() throws Exception {
            long t0 = System.nanoTime();
            List<SeriesDef> all = SeriesFactory.build(o.series, o.labelCount);
            List<List<Batch>> perWorker = partition(all);
            int batches = perWorker.stream().mapToInt(List::size).sum();
            long rawBytes = perWorker.stream().flatMap(List::stream).mapToLong(b -> b.raw.length).sum();
            System.err.printf(Locale.ROOT,
                    "prepared %d series (%d labels each) in %d batches, %.0f raw bytes/series, %d workers, %d ms%n",
                    o.series, o.labelCount, batches, rawBytes / (double) o.series,
                    perWorker.size(), (System.nanoTime() - t0) / 1_000_000);

            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            URI uri = URI.create(o.url);
            Stats[] stats = new Stats[perWorker.size()];
            CountDownLatch done = new CountDownLatch(perWorker.size());
            for (int w = 0; w < perWorker.size(); w++) {
                Stats s = stats[w] = new Stats();
                List<Batch> mine = perWorker.get(w);
                Thread t = new Thread(() -> {
                    try {
                        work(client, uri, mine, s, workersShare(mine, all.size()));
                    } finally {
                        done.countDown();
                    }
                }, "rw-worker-" + w);
                t.setDaemon(true);
                t.start();
            }
            long start = System.nanoTime();
            measureStartNanos = start + o.warmup.toNanos();
            measureEndNanos = measureStartNanos + o.duration.toNanos();
            sleepUntil(measureStartNanos);
            // Markers let a driver script sample the server's CPU over exactly the measured window.
            System.err.println("measure-start");
            long cpu0 = processCpuNanos();
            long wall0 = System.nanoTime();
            sleepUntil(measureEndNanos);
            System.err.println("measure-end");
            long cpu1 = processCpuNanos();
            // Workers count exactly the requests completed inside [start, end], so the window is the divisor.
            double measuredSeconds = o.duration.toNanos() / 1e9;
            double cpuWindow = (System.nanoTime() - wall0) / 1e9;
            stop = true;
            // In-flight requests finish after the window and are not counted; give them the timeout to drain.
            done.await(o.timeout.toMillis() + 1000, java.util.concurrent.TimeUnit.MILLISECONDS);
            return report(stats, measuredSeconds, (cpu1 - cpu0) / 1e9 / cpuWindow, batches, perWorker.size());
        }

        /** Gives each worker its own contiguous slice of series, cut into near-equal batches of at most N samples. */
        private List<List<Batch>> partition(List<SeriesDef> all) {
            int workers = Math.min(o.concurrency, all.size());
            List<List<Batch>> out = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int from = (int) ((long) all.size() * w / workers);
                int to = (int) ((long) all.size() * (w + 1) / workers);
                int count = to - from;
                int nb = (count + o.samplesPerRequest - 1) / o.samplesPerRequest;
                List<Batch> mine = new ArrayList<>();
                for (int b = 0; b < nb; b++) {
                    int bf = from + (int) ((long) count * b / nb);
                    int bt = from + (int) ((long) count * (b + 1) / nb);
                    SeriesDef[] group = all.subList(bf, bt).toArray(new SeriesDef[0]);
                    mine.add(o.v2 ? Batch.encodeV2(group) : Batch.encodeV1(group));
                }
                out.add(mine);
            }
            return out;
        }

        /** This worker's part of --rate (samples/s), in proportion to its series; 0 without a cap. */
        private double workersShare(List<Batch> mine, int totalSeries) {
            return o.rate <= 0 ? 0 : o.rate * mine.stream().mapToInt(Batch::samples).sum() / totalSeries;
        }

        private void work(HttpClient client, URI uri, List<Batch> mine, Stats s, double rate) {
            byte[] comp = new byte[mine.stream().mapToInt(b -> Snappy.maxCompressedLength(b.raw.length)).max().orElse(0)];
            int next = 0;
            long due = System.nanoTime();
            while (!stop) {
                Batch b = mine.get(next);
                if (rate > 0) {
                    // Closed loop with a pace: a request is not sent before its due time. A worker that falls behind
                    // (slow answers) does not burst to catch up by more than one second's worth.
                    long now = System.nanoTime();
                    due = Math.max(due, now - 1_000_000_000L);
                    if (due > now) {
                        try {
                            sleepUntil(due);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    due += (long) (b.samples() / rate * 1e9);
                }
                next = (next + 1) % mine.size();
                // Same timestamp for the whole batch (one "scrape"), never equal to or below this batch's last one.
                long ts = Math.max(System.currentTimeMillis(), b.lastTs + 1);
                b.lastTs = ts;
                b.patch(ts);
                byte[] body;
                try {
                    int n = Snappy.compress(b.raw, 0, b.raw.length, comp, 0);
                    // A copy, so a response that races the request body can never see a buffer being re-patched.
                    body = Arrays.copyOf(comp, n);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
                        .timeout(o.timeout)
                        .header("Content-Encoding", "snappy")
                        .header("Content-Type", o.v2 ? V2_CONTENT_TYPE : V1_CONTENT_TYPE)
                        .header("X-Prometheus-Remote-Write-Version", o.v2 ? "2.0.0" : "0.1.0")
                        .header("User-Agent", "tributary-bench/0.1")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                if (o.tenant != null) {
                    rb.header("X-Scope-OrgID", o.tenant);
                }
                long sent = System.nanoTime();
                int status = -1;
                HttpResponse<byte[]> resp = null;
                try {
                    resp = client.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
                    status = resp.statusCode();
                } catch (IOException e) {
                    logError("I/O error: " + e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long end = System.nanoTime();
                if (end < measureStartNanos || end > measureEndNanos || sent < measureStartNanos) {
                    if (status < 0) {
                        pause(); // don't spin on a server that is not up
                    }
                    continue;
                }
                s.requests++;
                s.bytesSent += body.length;
                s.latency((end - sent) / 1000);
                if (status < 0) {
                    s.ioErrors++;
                    pause();
                    continue;
                }
                s.byStatus[Math.min(Math.max(status, 0), 599)]++;
                if (status / 100 == 2) {
                    long acked = b.samples();
                    if (o.v2) {
                        // The 2.0 spec: a 2xx without these headers means a 1.0-only receiver that dropped the data.
                        var h = resp.headers().firstValue("X-Prometheus-Remote-Write-Samples-Written");
                        if (h.isEmpty()) {
                            s.writtenHeaderMissing++;
                        } else if (Long.parseLong(h.get().trim()) != acked) {
                            s.writtenMismatch++;
                            acked = Long.parseLong(h.get().trim());
                        }
                    }
                    s.samplesAcked += acked;
                } else {
                    logError("HTTP " + status + ": "
                            + new String(resp.body(), 0, Math.min(resp.body().length, 300), StandardCharsets.UTF_8).trim());
                }
            }
        }

        private void logError(String msg) {
            // A few examples are enough to diagnose; thousands would only cost CPU that the server needs.
            if (errorsLogged.incrementAndGet() <= 5) {
                System.err.println("error: " + msg);
            }
        }

        private static void pause() {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private String report(Stats[] stats, double seconds, double cpuCores, int batches, int workers) {
            Stats t = new Stats();
            long[] lat = new long[Arrays.stream(stats).mapToInt(s -> s.latN).sum()];
            int p = 0;
            for (Stats s : stats) {
                for (int i = 0; i < 600; i++) {
                    t.byStatus[i] += s.byStatus[i];
                }
                t.ioErrors += s.ioErrors;
                t.samplesAcked += s.samplesAcked;
                t.bytesSent += s.bytesSent;
                t.requests += s.requests;
                t.writtenHeaderMissing += s.writtenHeaderMissing;
                t.writtenMismatch += s.writtenMismatch;
                System.arraycopy(s.latMicros, 0, lat, p, s.latN);
                p += s.latN;
            }
            Arrays.sort(lat);
            long ok = 0;
            StringBuilder codes = new StringBuilder();
            for (int i = 0; i < 600; i++) {
                if (t.byStatus[i] > 0) {
                    if (i / 100 == 2) {
                        ok += t.byStatus[i];
                    }
                    codes.append(codes.length() == 0 ? "" : ",").append('"').append(i).append("\":").append(t.byStatus[i]);
                }
            }
            if (t.ioErrors > 0) {
                codes.append(codes.length() == 0 ? "" : ",").append("\"io_error\":").append(t.ioErrors);
            }
            long failed = t.requests - ok;
            double sps = t.samplesAcked / seconds;
            String json = String.format(Locale.ROOT,
                    "{\"url\":\"%s\",\"protocol\":\"%s\",\"series\":%d,\"label_count\":%d,\"batches\":%d,"
                    + "\"samples_per_request\":%.0f,\"concurrency\":%d,\"rate_limit\":%.0f,\"duration_s\":%.2f,\"requests_ok\":%d,"
                    + "\"requests_failed\":%d,\"status\":{%s},\"samples_acked\":%d,\"samples_per_sec\":%.0f,"
                    + "\"latency_ms\":{\"p50\":%.2f,\"p90\":%.2f,\"p99\":%.2f,\"max\":%.2f},"
                    + "\"avg_request_bytes\":%.0f,\"client_cpu_cores\":%.2f,"
                    + "\"v2_written_header_missing\":%d,\"v2_written_mismatch\":%d}",
                    o.url, o.v2 ? "v2" : "v1", o.series, o.labelCount, batches,
                    o.series / (double) batches, workers, o.rate, seconds, ok, failed, codes, t.samplesAcked, sps,
                    pct(lat, 0.50), pct(lat, 0.90), pct(lat, 0.99), lat.length == 0 ? 0 : lat[lat.length - 1] / 1000.0,
                    t.requests == 0 ? 0 : t.bytesSent / (double) t.requests, cpuCores,
                    t.writtenHeaderMissing, t.writtenMismatch);
            if (o.jsonOutput) {
                return json;
            }
            return String.format(Locale.ROOT,
                    "series=%d protocol=%s ok=%d failed=%d status={%s} samples_acked=%d samples/s=%.0f "
                    + "p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms client_cpu_cores=%.2f",
                    o.series, o.v2 ? "v2" : "v1", ok, failed, codes, t.samplesAcked, sps,
                    pct(lat, 0.50), pct(lat, 0.90), pct(lat, 0.99), lat.length == 0 ? 0 : lat[lat.length - 1] / 1000.0,
                    cpuCores);
        }

        private static double pct(long[] sorted, double q) {
            if (sorted.length == 0) {
                return 0;
            }
            int i = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1000.0;
        }

        private static void sleepUntil(long nanos) throws InterruptedException {
            long left;
            while ((left = nanos - System.nanoTime()) > 0) {
                Thread.sleep(Math.max(1, left / 1_000_000));
            }
        }

        private static long processCpuNanos() {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                return os.getProcessCpuTime();
            }
            return 0;
        }
    }

    // ------------------------------------------------------------------------------------------------ sink

    /**
     * A deliberately trivial HTTP/1.1 receiver that answers 204, for measuring the generator's own ceiling. With
     * verification on it decodes each request and answers 400 on anything a strict receiver would reject.
     */
    static final class Sink {
        private static final byte[] NO_CONTENT = "HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        private final int port;
        private final boolean verify;
        private final AtomicLong requests = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();
        private final AtomicLong samples = new AtomicLong();
        private final AtomicLong rejected = new AtomicLong();
        private final Map<String, Long> lastTs = new ConcurrentHashMap<>();

        Sink(int port, boolean verify) {
            this.port = port;
            this.verify = verify;
        }

        void serveQuietly() {
            try {
                serve(false);
            } catch (IOException e) {
                System.err.println("sink stopped: " + e);
            }
        }

        void serveForever() throws IOException {
            serve(true);
        }

        private void serve(boolean report) throws IOException {
            ServerSocket ss = new ServerSocket();
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            System.err.println("sink listening on 127.0.0.1:" + port + (verify ? " (verifying)" : ""));
            if (report) {
                Thread r = new Thread(this::reportLoop, "sink-report");
                r.setDaemon(true);
                r.start();
            }
            while (true) {
                Socket s = ss.accept();
                Thread t = new Thread(() -> handle(s), "sink-conn");
                t.setDaemon(true);
                t.start();
            }
        }

        private void reportLoop() {
            long prevReq = 0;
            long prevBytes = 0;
            long prevSamples = 0;
            while (true) {
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException e) {
                    return;
                }
                long r = requests.get();
                long b = bytes.get();
                long sm = samples.get();
                System.err.printf(Locale.ROOT, "sink: %.0f req/s, %.1f MB/s%s, rejected total %d%n",
                        (r - prevReq) / 5.0, (b - prevBytes) / 5e6,
                        verify ? String.format(Locale.ROOT, ", %.0f samples/s", (sm - prevSamples) / 5.0) : "",
                        rejected.get());
                prevReq = r;
                prevBytes = b;
                prevSamples = sm;
            }
        }

        private void handle(Socket s) {
            try (s; InputStream in = new BufferedInputStream(s.getInputStream(), 65536); OutputStream out = s.getOutputStream()) {
                s.setTcpNoDelay(true);
                byte[] body = new byte[1 << 16];
                StringBuilder line = new StringBuilder();
                while (true) {
                    int contentLength = 0;
                    String contentType = "";
                    boolean first = true;
                    while (true) {
                        if (!readLine(in, line)) {
                            return;
                        }
                        if (line.length() == 0) {
                            if (first) {
                                continue; // tolerate stray CRLF between requests
                            }
                            break;
                        }
                        first = false;
                        String l = line.toString();
                        int c = l.indexOf(':');
                        if (c > 0) {
                            String name = l.substring(0, c).trim().toLowerCase(Locale.ROOT);
                            if (name.equals("content-length")) {
                                contentLength = Integer.parseInt(l.substring(c + 1).trim());
                            } else if (name.equals("content-type")) {
                                contentType = l.substring(c + 1).trim();
                            }
                        }
                    }
                    if (body.length < contentLength) {
                        body = new byte[Math.max(contentLength, body.length * 2)];
                    }
                    int got = in.readNBytes(body, 0, contentLength);
                    if (got < contentLength) {
                        return;
                    }
                    requests.incrementAndGet();
                    bytes.addAndGet(contentLength);
                    // Empty bodies (health probes, GETs) are fine; only actual payloads are checked.
                    String problem = verify && contentLength > 0 ? check(body, contentLength, contentType) : null;
                    if (problem == null) {
                        out.write(NO_CONTENT);
                    } else {
                        rejected.incrementAndGet();
                        byte[] msg = problem.getBytes(StandardCharsets.UTF_8);
                        out.write(("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: "
                                + msg.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(msg);
                    }
                    out.flush();
                }
            } catch (IOException | RuntimeException e) {
                // The client closed the connection or sent garbage; nothing to do for a sink.
            }
        }

        private static boolean readLine(InputStream in, StringBuilder line) throws IOException {
            line.setLength(0);
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    int n = line.length();
                    if (n > 0 && line.charAt(n - 1) == '\r') {
                        line.setLength(n - 1);
                    }
                    return true;
                }
                line.append((char) c);
            }
            return false;
        }

        /** Decodes with the generated protobuf classes (an independent decoder) and applies receiver-side rules. */
        private String check(byte[] body, int len, String contentType) {
            try {
                byte[] raw = Snappy.uncompress(Arrays.copyOf(body, len));
                long now = System.currentTimeMillis();
                int n = 0;
                if (contentType.contains("io.prometheus.write.v2.Request")) {
                    io.tributary.testproto.rw2.Request r = io.tributary.testproto.rw2.Request.parseFrom(raw);
                    if (r.getSymbolsCount() == 0 || !r.getSymbols(0).isEmpty()) {
                        return "symbols[0] must be empty";
                    }
                    for (io.tributary.testproto.rw2.TimeSeries ts : r.getTimeseriesList()) {
                        String[] names = new String[ts.getLabelsRefsCount() / 2];
                        StringBuilder key = new StringBuilder();
                        for (int i = 0; i < names.length; i++) {
                            names[i] = r.getSymbols(ts.getLabelsRefs(2 * i));
                            key.append(names[i]).append('=').append(r.getSymbols(ts.getLabelsRefs(2 * i + 1))).append(',');
                        }
                        String p = checkSeries(names, key.toString(), ts.getSamplesList().stream()
                                .mapToLong(io.tributary.testproto.rw2.Sample::getTimestamp).toArray(), now);
                        if (p != null) {
                            return p;
                        }
                        n += ts.getSamplesCount();
                    }
                } else {
                    io.tributary.testproto.rw1.WriteRequest r = io.tributary.testproto.rw1.WriteRequest.parseFrom(raw);
                    for (io.tributary.testproto.rw1.TimeSeries ts : r.getTimeseriesList()) {
                        String[] names = new String[ts.getLabelsCount()];
                        StringBuilder key = new StringBuilder();
                        for (int i = 0; i < names.length; i++) {
                            names[i] = ts.getLabels(i).getName();
                            key.append(names[i]).append('=').append(ts.getLabels(i).getValue()).append(',');
                        }
                        String p = checkSeries(names, key.toString(), ts.getSamplesList().stream()
                                .mapToLong(io.tributary.testproto.rw1.Sample::getTimestamp).toArray(), now);
                        if (p != null) {
                            return p;
                        }
                        n += ts.getSamplesCount();
                    }
                }
                samples.addAndGet(n);
                return null;
            } catch (IOException e) {
                return "undecodable: " + e;
            }
        }

        private String checkSeries(String[] names, String key, long[] ts, long now) {
            if (names.length == 0 || !names[0].equals("__name__")) {
                return "missing __name__ first: " + key;
            }
            for (int i = 1; i < names.length; i++) {
                if (names[i - 1].compareTo(names[i]) >= 0) {
                    return "labels not sorted/unique: " + key;
                }
            }
            for (long t : ts) {
                if (t > now + 600_000 || t < now - 3_600_000) {
                    return "timestamp far from now: " + t + " " + key;
                }
                Long prev = lastTs.put(key, t);
                if (prev != null && prev >= t) {
                    return "out of order: " + prev + " then " + t + " " + key;
                }
            }
            return null;
        }
    }
}
