package io.tributary.query;

import io.tributary.storage.ChunkQuerier;
import io.tributary.storage.HistogramSample;
import io.tributary.storage.LabelMatcher;
import io.tributary.storage.Labels;
import io.tributary.storage.SeriesChunks;
import io.tributary.storage.StoredChunk;
import io.tributary.storage.XorChunk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.LongToDoubleFunction;

/**
 * Test storage: per-tenant lists of series whose chunks are real Prometheus XOR chunks, behind a querier that
 * keeps the {@link ChunkQuerier} contract (matchers, inclusive overlap, sorted by labels). Selected series carry
 * all their chunks, so the handlers' own range trimming is what the tests see.
 */
final class InMemoryTenantStorage implements TenantStorage {

    private final Map<String, List<SeriesChunks>> tenants = new HashMap<>();

    InMemoryTenantStorage add(String tenant, SeriesChunks series) {
        tenants.computeIfAbsent(tenant, t -> new ArrayList<>()).add(series);
        return this;
    }

    @Override
    public ChunkQuerier querier(String tenant) {
        return new ListQuerier(tenants.getOrDefault(tenant, List.of()));
    }

    /** {@code count} samples from {@code first}, {@code step} apart, cut into chunks of 120 as Prometheus does. */
    static SeriesChunks floats(Labels labels, long first, long step, int count, LongToDoubleFunction value) {
        List<StoredChunk> chunks = new ArrayList<>();
        XorChunk chunk = new XorChunk();
        for (int i = 0; i < count; i++) {
            long t = first + i * step;
            chunk.append(t, Double.doubleToRawLongBits(value.applyAsDouble(t)));
            if (chunk.isFull()) {
                chunks.add(chunk.toStored());
                chunk = new XorChunk();
            }
        }
        if (chunk.count() > 0) {
            chunks.add(chunk.toStored());
        }
        return new SeriesChunks(labels, chunks);
    }

    static SeriesChunks withHistograms(SeriesChunks series, List<HistogramSample> histograms) {
        return new SeriesChunks(series.labels(), series.chunks(), histograms);
    }

    private record ListQuerier(List<SeriesChunks> series) implements ChunkQuerier {

        @Override
        public List<SeriesChunks> select(long mint, long maxt, List<LabelMatcher> matchers) {
            List<SeriesChunks> out = new ArrayList<>();
            for (SeriesChunks s : series) {
                boolean matches = matchers.stream().allMatch(m -> m.matches(s.labels().get(m.name())));
                boolean inRange = s.chunks().stream().anyMatch(c -> c.overlaps(mint, maxt))
                        || s.histograms().stream().anyMatch(h -> h.timestamp() >= mint && h.timestamp() <= maxt);
                if (matches && inRange) {
                    out.add(s);
                }
            }
            out.sort((a, b) -> a.labels().compareTo(b.labels()));
            return out;
        }

        @Override
        public SortedSet<String> labelNames(long mint, long maxt, List<LabelMatcher> matchers) {
            SortedSet<String> names = new TreeSet<>();
            for (SeriesChunks s : select(mint, maxt, matchers)) {
                names.addAll(s.labels().toMap().keySet());
            }
            return names;
        }

        @Override
        public SortedSet<String> labelValues(String name, long mint, long maxt, List<LabelMatcher> matchers) {
            SortedSet<String> values = new TreeSet<>();
            for (SeriesChunks s : select(mint, maxt, matchers)) {
                String value = s.labels().get(name);
                if (!value.isEmpty()) {
                    values.add(value);
                }
            }
            return values;
        }
    }
}
