package io.tributary.query;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.storage.ChunkQuerier;
import io.tributary.storage.LabelMatcher;
import io.tributary.storage.Labels;
import io.tributary.storage.SeriesChunks;
import io.tributary.tenant.TenantResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The Prometheus HTTP API's metadata endpoints, {@code GET|POST /api/v1/labels}, {@code /api/v1/label/{name}/values}
 * and {@code /api/v1/series}, over one tenant's storage. Parameters ({@code match[]}, {@code start}, {@code end},
 * {@code limit}) come from the query string or a form body; several {@code match[]} selectors are a union.
 * A {@code limit} truncates the sorted result and adds Prometheus's warning.
 */
public final class MetadataApiHandler {

    static final String TRUNCATED_WARNING = "results truncated due to limit";

    private static final Logger log = LoggerFactory.getLogger(MetadataApiHandler.class);

    private final TenantResolver tenants;
    private final TenantStorage storage;
    private final ReadConsistencyGate gate;
    private final MeterRegistry registry;

    public MetadataApiHandler(TenantResolver tenants, TenantStorage storage, ReadConsistencyGate gate,
                              MeterRegistry registry) {
        this.tenants = tenants;
        this.storage = storage;
        this.gate = gate;
        this.registry = registry;
    }

    public ServerResponse labels(ServerRequest request) {
        return answer(request, "labels", params -> querier -> {
            SortedSet<String> names = new TreeSet<>();
            for (List<LabelMatcher> matchers : params.matcherSetsOrAll()) {
                names.addAll(querier.labelNames(params.start(), params.end(), matchers));
            }
            return truncated(names, params.limit());
        });
    }

    public ServerResponse labelValues(ServerRequest request) {
        return answer(request, "label_values", params -> {
            String name = labelName(request.pathVariable("name"));
            return querier -> {
                SortedSet<String> values = new TreeSet<>();
                for (List<LabelMatcher> matchers : params.matcherSetsOrAll()) {
                    values.addAll(querier.labelValues(name, params.start(), params.end(), matchers));
                }
                return truncated(values, params.limit());
            };
        });
    }

    public ServerResponse series(ServerRequest request) {
        return answer(request, "series", params -> {
            if (params.matcherSets().isEmpty()) {
                throw new InvalidQueryException("no match[] parameter provided");
            }
            return querier -> {
                SortedSet<Labels> series = new TreeSet<>();
                for (List<LabelMatcher> matchers : params.matcherSets()) {
                    for (SeriesChunks s : querier.select(params.start(), params.end(), matchers)) {
                        series.add(s.labels());
                    }
                }
                Result<Labels> result = truncated(series, params.limit());
                List<Map<String, String>> data = new ArrayList<>(result.data().size());
                for (Labels labels : result.data()) {
                    data.add(labels.toMap()); // sorted by name, as Prometheus prints a label set
                }
                return new Result<>(data, result.warnings());
            };
        });
    }

    /**
     * One endpoint: checks what the parameters alone can tell (so a bad request is refused before waiting for read
     * consistency), then returns the lookup to run over the tenant's querier.
     */
    @FunctionalInterface
    private interface Endpoint {
        Function<ChunkQuerier, Result<?>> prepare(MetadataParameters params);
    }

    private record Result<T>(List<T> data, List<String> warnings) {
    }

    private ServerResponse answer(ServerRequest request, String endpoint, Endpoint work) {
        HttpServletRequest servlet = request.servletRequest();
        String tenant;
        try {
            tenant = tenants.resolve(servlet.getHeader(TenantResolver.TENANT_HEADER),
                    servlet.getHeader("Authorization"));
        } catch (TenantResolver.TenantException e) {
            count(endpoint, e.status());
            return Responses.text(e.status(), e.getMessage()); // as the write path: before any API handling
        }
        try {
            String consistency = ReadConsistencyHeader.level(servlet.getHeader(ReadConsistencyHeader.NAME));
            Function<ChunkQuerier, Result<?>> lookup = work.prepare(MetadataParameters.from(request.params()));
            gate.await(tenant, consistency);
            Result<?> result = lookup.apply(storage.querier(tenant));
            count(endpoint, 200);
            return Responses.success(result.data(), result.warnings());
        } catch (InvalidQueryException e) {
            count(endpoint, 400);
            return Responses.error(400, "bad_data", e.getMessage());
        } catch (ReadConsistencyException e) {
            log.warn("{} answered 503: read consistency not reached: {}", endpoint, e.getMessage());
            count(endpoint, 503);
            return Responses.error(503, "unavailable", "read consistency not reached: " + e.getMessage());
        } catch (RuntimeException e) {
            log.warn("{} failed", endpoint, e);
            count(endpoint, 500);
            return Responses.error(500, "internal", e.getMessage());
        }
    }

    private static <T> Result<T> truncated(Collection<T> sorted, int limit) {
        if (sorted.size() <= limit) {
            return new Result<>(new ArrayList<>(sorted), List.of());
        }
        return new Result<>(new ArrayList<>(sorted).subList(0, limit), List.of(TRUNCATED_WARNING));
    }

    /**
     * The label name of a values request. Prometheus 3 clients send names that are not legacy identifiers
     * escaped as {@code U__} + the name with {@code _} doubled and other characters as {@code _<hex code point>_}.
     */
    static String labelName(String raw) {
        String name = raw.startsWith("U__") ? unescape(raw) : raw;
        if (name.isEmpty()) {
            throw new InvalidQueryException("invalid label name: \"" + raw + "\"");
        }
        return name;
    }

    /** Undoes Prometheus's value-encoding escape; a malformed escape is taken literally, as Prometheus does. */
    private static String unescape(String raw) {
        StringBuilder out = new StringBuilder();
        String escaped = raw.substring(3);
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '_') {
                if (i + 1 < escaped.length() && escaped.charAt(i + 1) == '_') {
                    out.append('_');
                    i++;
                    continue;
                }
                int end = escaped.indexOf('_', i + 1);
                if (end < 0) {
                    return raw;
                }
                int codePoint;
                try {
                    codePoint = Integer.parseInt(escaped.substring(i + 1, end), 16);
                } catch (NumberFormatException e) {
                    return raw;
                }
                if (!Character.isValidCodePoint(codePoint) || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                    return raw;
                }
                out.appendCodePoint(codePoint);
                i = end;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':') {
                out.append(c);
            } else {
                return raw;
            }
        }
        return out.toString();
    }

    private void count(String endpoint, int status) {
        Counter.builder("tributary.query.api.requests")
                .description("Prometheus HTTP API metadata requests (labels, label_values, series) answered, "
                        + "by endpoint and HTTP status code.")
                .tag("endpoint", endpoint).tag("status_code", Integer.toString(status))
                .register(registry).increment();
    }
}
