package io.tributary.support;

import io.tributary.testproto.rw1.Label;
import io.tributary.testproto.rw1.Sample;
import io.tributary.testproto.rw1.TimeSeries;
import io.tributary.testproto.rw1.WriteRequest;
import io.tributary.testproto.rw2.Request;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds realistic remote-write 1.0 and 2.0 requests with the protobuf-java oracle classes. */
public final class Series {

    private Series() {
    }

    /** Label pairs given as name, value, name, value...; returned sorted by name as senders must send them. */
    public static Map<String, String> labels(String... nameValues) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            labels.put(nameValues[i], nameValues[i + 1]);
        }
        return labels;
    }

    /** {@code count} node_exporter-like series on one host, each with one sample at {@code timestampMs}. */
    public static List<Map<String, String>> nodeSeries(String host, int count) {
        List<Map<String, String>> series = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            series.add(labels("__name__", "node_cpu_seconds_total", "cpu", Integer.toString(i),
                    "instance", host + ":9100", "job", "node", "mode", i % 2 == 0 ? "idle" : "user"));
        }
        return series;
    }

    public static WriteRequest v1(List<Map<String, String>> series, long timestampMs, double value) {
        WriteRequest.Builder request = WriteRequest.newBuilder();
        for (Map<String, String> labels : series) {
            TimeSeries.Builder ts = TimeSeries.newBuilder();
            labels.forEach((name, v) -> ts.addLabels(Label.newBuilder().setName(name).setValue(v)));
            ts.addSamples(Sample.newBuilder().setTimestamp(timestampMs).setValue(value));
            request.addTimeseries(ts);
        }
        return request.build();
    }

    public static Request v2(List<Map<String, String>> series, long timestampMs, double value) {
        Map<String, Integer> symbols = new LinkedHashMap<>();
        symbols.put("", 0);
        Request.Builder request = Request.newBuilder();
        for (Map<String, String> labels : series) {
            io.tributary.testproto.rw2.TimeSeries.Builder ts = io.tributary.testproto.rw2.TimeSeries.newBuilder();
            labels.forEach((name, v) -> {
                ts.addLabelsRefs(symbols.computeIfAbsent(name, k -> symbols.size()));
                ts.addLabelsRefs(symbols.computeIfAbsent(v, k -> symbols.size()));
            });
            ts.addSamples(io.tributary.testproto.rw2.Sample.newBuilder().setTimestamp(timestampMs).setValue(value));
            request.addTimeseries(ts);
        }
        request.addAllSymbols(symbols.keySet());
        return request.build();
    }
}
