package io.tributary.testing;

import static io.tributary.testing.Fixtures.rw1Sample;
import static io.tributary.testing.Fixtures.rw1Series;
import static io.tributary.testing.Fixtures.rw2Sample;

import io.tributary.testing.MimirRecords.MimirRecord;
import io.tributary.testing.MimirRecords.V2Request;
import io.tributary.testproto.mimir.WriteRequest;
import io.tributary.testproto.rw1.BucketSpan;
import io.tributary.testproto.rw1.Histogram;
import io.tributary.testproto.rw1.MetricMetadata;
import io.tributary.testproto.rw2.Exemplar;
import io.tributary.testproto.rw2.Metadata;

/**
 * What a Mimir distributor writes to the topic for three teams, one record version each, with everything the
 * format carries: metadata, a stale marker, native histograms (integer and float counts), Source and
 * skip_label_validation, a v2 exemplar and created timestamp, a v2 metadata-only series. All timestamps are
 * relative to {@code t0}. Tests state what they expect from these records themselves, value by value.
 */
public final class MimirDistributorRecords {

    public static final String CHECKOUT = "team-checkout";
    public static final String PAYMENTS = "team-payments";
    public static final String SEARCH = "team-search";
    public static final String FUTURE = "team-future";

    private MimirDistributorRecords() {
    }

    /**
     * Version 0 (no header): two {@code http_requests_total} series, the second ending in a stale marker, and the
     * family's metadata (field 3).
     */
    public static MimirRecord checkoutV0(long t0) {
        WriteRequest request = WriteRequest.newBuilder()
                .addTimeseries(rw1Series("__name__", "http_requests_total", "code", "200", "instance", "10.0.1.5:8080",
                        "job", "checkout")
                        .addSamples(rw1Sample(1027, t0)).addSamples(rw1Sample(1030, t0 + 15_000))
                        .addSamples(rw1Sample(1042, t0 + 30_000)))
                .addTimeseries(rw1Series("__name__", "http_requests_total", "code", "500", "instance", "10.0.1.5:8080",
                        "job", "checkout")
                        .addSamples(rw1Sample(3, t0))
                        .addSamples(rw1Sample(Double.longBitsToDouble(Fixtures.STALE_NAN_BITS), t0 + 15_000)))
                .addMetadata(MetricMetadata.newBuilder().setType(MetricMetadata.MetricType.COUNTER)
                        .setMetricFamilyName("http_requests_total").setHelp("Total HTTP requests handled."))
                .build();
        return MimirRecords.v0(CHECKOUT, request);
    }

    /**
     * Version 2, same tenant and series as {@link #checkoutV0}: one later sample for {@code code="200"}, whose
     * labels must resolve to the very series v0 created. {@code instance} and {@code job} are common-table refs.
     */
    public static MimirRecord checkoutV2(long t0) {
        V2Request request = new V2Request();
        request.add(request.series("__name__", "http_requests_total", "code", "200", "instance", "10.0.1.5:8080",
                        "job", "checkout")
                .addSamples(rw2Sample(1051, t0 + 45_000))
                .setMetadata(Metadata.newBuilder().setType(Metadata.MetricType.METRIC_TYPE_COUNTER)
                        .setHelpRef(request.ref("Total HTTP requests handled."))));
        return MimirRecords.v2(CHECKOUT, request);
    }

    /**
     * Version 1, written by the ruler (Source RULE, skip_label_validation): a gauge and a native histogram with
     * integer counts (TimeSeries field 4), with their metadata.
     */
    public static MimirRecord paymentsV1(long t0) {
        WriteRequest request = WriteRequest.newBuilder()
                .setSource(WriteRequest.SourceEnum.RULE)
                .setSkipLabelValidation(true)
                .addTimeseries(rw1Series("__name__", "process_resident_memory_bytes", "instance", "10.0.2.7:9090",
                        "job", "payments")
                        .addSamples(rw1Sample(2.5e8, t0)).addSamples(rw1Sample(2.625e8, t0 + 15_000)))
                .addTimeseries(rw1Series("__name__", "rpc_duration_seconds", "instance", "10.0.2.7:9090",
                        "job", "payments")
                        .addHistograms(rpcDuration(t0, Histogram.ResetHint.YES, 14, 4.75, 3, 2, -1))
                        .addHistograms(rpcDuration(t0 + 15_000, Histogram.ResetHint.NO, 20, 7.5, 4, 3, 0)))
                .addMetadata(MetricMetadata.newBuilder().setType(MetricMetadata.MetricType.GAUGE)
                        .setMetricFamilyName("process_resident_memory_bytes").setHelp("Resident memory size in bytes.")
                        .setUnit("bytes"))
                .addMetadata(MetricMetadata.newBuilder().setType(MetricMetadata.MetricType.HISTOGRAM)
                        .setMetricFamilyName("rpc_duration_seconds").setHelp("RPC latency.").setUnit("seconds"))
                .build();
        return MimirRecords.v1(PAYMENTS, request);
    }

    /**
     * An exponential histogram, schema 3, integer counts: {@code zeroCount} in the zero bucket and three positive
     * buckets given as deltas (Prometheus's encoding), so count = 2 + the three bucket counts.
     */
    public static Histogram rpcDuration(long ts, Histogram.ResetHint hint, long count, double sum, long... deltas) {
        Histogram.Builder h = Histogram.newBuilder().setCountInt(count).setSum(sum).setSchema(3)
                .setZeroThreshold(1e-128).setZeroCountInt(2).setResetHint(hint).setTimestamp(ts)
                .addPositiveSpans(BucketSpan.newBuilder().setOffset(0).setLength(deltas.length));
        for (long d : deltas) {
            h.addPositiveDeltas(d);
        }
        return h.build();
    }

    /**
     * Version 2 from an OTLP write (Source OTLP): a counter whose {@code job} value and whose {@code namespace}
     * value come from the common table, with metadata, an exemplar and a created timestamp; a gauge histogram
     * with float counts; and the metadata of a family with no series in the record, which Mimir sends as a
     * series with only {@code __name__} and no samples.
     */
    public static MimirRecord searchV2(long t0) {
        V2Request request = new V2Request();
        request.common().setSource(WriteRequest.SourceEnum.OTLP);
        request.add(request.series("__name__", "node_cpu_seconds_total", "cpu", "0", "instance", "10.0.3.9:9100",
                        "job", "node-exporter", "mode", "idle")
                .addSamples(rw2Sample(8123.5, t0)).addSamples(rw2Sample(8138.25, t0 + 15_000))
                .addExemplars(Exemplar.newBuilder().addLabelsRefs(request.ref("trace_id"))
                        .addLabelsRefs(request.ref("4bf92f3577b34da6")).setValue(8138.25).setTimestamp(t0 + 15_000))
                .setCreatedTimestamp(t0 - 3_600_000)
                .setMetadata(Metadata.newBuilder().setType(Metadata.MetricType.METRIC_TYPE_COUNTER)
                        .setHelpRef(request.ref("Seconds the CPUs spent in each mode."))
                        .setUnitRef(request.ref("seconds"))));
        request.add(request.series("__name__", "search_latency_seconds", "instance", "10.0.3.9:8080",
                        "job", "search", "namespace", "kube-system")
                .addHistograms(searchLatency(t0 + 30_000)));
        request.add(request.series("__name__", "search_queue_depth")
                .setMetadata(Metadata.newBuilder().setType(Metadata.MetricType.METRIC_TYPE_GAUGE)
                        .setHelpRef(request.ref("Queries waiting to be served."))));
        return MimirRecords.v2(SEARCH, request);
    }

    /** A gauge histogram, schema 0, float counts: 0.5 in the zero bucket, 3 and 4 in positive buckets 1 and 2. */
    public static io.tributary.testproto.rw2.Histogram searchLatency(long ts) {
        return io.tributary.testproto.rw2.Histogram.newBuilder().setCountFloat(7.5).setSum(1.25).setSchema(0)
                .setZeroThreshold(0.001).setZeroCountFloat(0.5)
                .addPositiveSpans(io.tributary.testproto.rw2.BucketSpan.newBuilder().setOffset(1).setLength(2))
                .addPositiveCounts(3).addPositiveCounts(4)
                .setResetHint(io.tributary.testproto.rw2.Histogram.ResetHint.RESET_HINT_GAUGE).setTimestamp(ts)
                .build();
    }

    /**
     * A record of a version that does not exist (3), as a newer producer might write: well-formed v2-style bytes,
     * which a reader must still refuse rather than guess at.
     */
    public static MimirRecord futureVersion3(long t0) {
        V2Request request = new V2Request();
        request.add(request.series("__name__", "future_format_probe", "job", "canary").addSamples(rw2Sample(1, t0)));
        return new MimirRecord(FUTURE, 3, request.build().toByteArray());
    }

    /** A version-1 record for the same tenant, written after {@link #futureVersion3}. */
    public static MimirRecord futureFollowUpV1(long t0) {
        return MimirRecords.v1(FUTURE, WriteRequest.newBuilder()
                .addTimeseries(rw1Series("__name__", "after_future_probe", "job", "canary")
                        .addSamples(rw1Sample(42, t0 + 1_000)))
                .build());
    }
}
