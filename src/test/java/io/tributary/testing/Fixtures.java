package io.tributary.testing;

import java.util.ArrayList;
import java.util.List;

import io.tributary.protocol.Label;
import io.tributary.protocol.MetricMetadata;
import io.tributary.protocol.Sample;
import io.tributary.protocol.Series;
import io.tributary.testproto.rw1.TimeSeries;

/**
 * Builds remote-write requests with protobuf-java (the independent oracle) and the expected decoded model.
 */
public final class Fixtures {

    public static final long NOW = 1_760_000_000_000L;
    public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

    private Fixtures() {
    }

    /** An RW1 series from name/value pairs (given in the order to put on the wire). */
    public static TimeSeries.Builder rw1Series(String... pairs) {
        TimeSeries.Builder ts = TimeSeries.newBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            ts.addLabels(io.tributary.testproto.rw1.Label.newBuilder().setName(pairs[i]).setValue(pairs[i + 1]));
        }
        return ts;
    }

    public static io.tributary.testproto.rw1.Sample rw1Sample(double value, long ts) {
        return io.tributary.testproto.rw1.Sample.newBuilder().setValue(value).setTimestamp(ts).build();
    }

    /** Builds an RW2 request from series given as label pairs, interning symbols in first-seen order. */
    public static final class Rw2Builder {
        private final List<String> symbols = new ArrayList<>(List.of(""));
        private final io.tributary.testproto.rw2.Request.Builder request = io.tributary.testproto.rw2.Request.newBuilder();

        public int ref(String s) {
            int i = symbols.indexOf(s);
            if (i < 0) {
                symbols.add(s);
                i = symbols.size() - 1;
            }
            return i;
        }

        public io.tributary.testproto.rw2.TimeSeries.Builder series(String... pairs) {
            io.tributary.testproto.rw2.TimeSeries.Builder ts = io.tributary.testproto.rw2.TimeSeries.newBuilder();
            for (String p : pairs) {
                ts.addLabelsRefs(ref(p));
            }
            return ts;
        }

        public Rw2Builder add(io.tributary.testproto.rw2.TimeSeries.Builder ts) {
            request.addTimeseries(ts);
            return this;
        }

        public io.tributary.testproto.rw2.Request build() {
            return request.clearSymbols().addAllSymbols(symbols).build();
        }
    }

    public static io.tributary.testproto.rw2.Sample rw2Sample(double value, long ts) {
        return io.tributary.testproto.rw2.Sample.newBuilder().setValue(value).setTimestamp(ts).build();
    }

    /** The expected decoded series with one sample. */
    public static Series series(double value, long ts, String... pairs) {
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            labels.add(new Label(pairs[i], pairs[i + 1]));
        }
        return new Series(labels, List.of(Sample.of(value, ts)), List.of(), List.of(), 0);
    }

    public static MetricMetadata metadata(int type, String family, String help, String unit) {
        return new MetricMetadata(type, family, help, unit);
    }
}
