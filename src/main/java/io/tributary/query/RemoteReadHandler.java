package io.tributary.query;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tributary.protocol.ChunkedReadWriter;
import io.tributary.protocol.CorruptSnappyException;
import io.tributary.protocol.MalformedProtobufException;
import io.tributary.protocol.MatcherSpec;
import io.tributary.protocol.ReadQuery;
import io.tributary.protocol.ReadRequestDecoder;
import io.tributary.protocol.ReadRequestMessage;
import io.tributary.protocol.ReadResponseEncoder;
import io.tributary.protocol.ReadSeries;
import io.tributary.protocol.ResponseType;
import io.tributary.protocol.SnappyBlock;
import io.tributary.protocol.SnappyLimitExceededException;
import io.tributary.storage.ChunkQuerier;
import io.tributary.storage.LabelMatcher;
import io.tributary.storage.SeriesChunks;
import io.tributary.tenant.TenantResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.PatternSyntaxException;

/**
 * {@code POST /api/v1/read} (and Mimir's {@code /prometheus/api/v1/read}): Prometheus remote read 1.0. The
 * answer is STREAMED_XOR_CHUNKS when the client prefers it, SAMPLES otherwise; Prometheus clients read either
 * answer by its Content-Type. Streamed native histograms travel as histogram chunks, as Prometheus streams them.
 *
 * <p>Every query is selected before the first byte is written, so errors still get a status code; the chunked
 * answer is then encoded frame by frame straight into the response.
 */
public final class RemoteReadHandler {

    static final String SAMPLES_CONTENT_TYPE = "application/x-protobuf";
    static final String STREAMED_CONTENT_TYPE = "application/x-streamed-protobuf; proto=prometheus.ChunkedReadResponse";
    /** Prometheus's limit on a read request body (snappy-compressed); the same bound applies decompressed. */
    static final int MAX_REQUEST_BYTES = 32 << 20;

    private static final Logger log = LoggerFactory.getLogger(RemoteReadHandler.class);

    private final TenantResolver tenants;
    private final TenantStorage storage;
    private final ReadConsistencyGate gate;
    private final MeterRegistry registry;
    private final int maxFrameBytes;
    private final Timer successes;
    private final Timer failures;

    public RemoteReadHandler(TenantResolver tenants, TenantStorage storage, ReadConsistencyGate gate,
                             MeterRegistry registry) {
        this(tenants, storage, gate, registry, ChunkedReadWriter.DEFAULT_MAX_FRAME_BYTES);
    }

    RemoteReadHandler(TenantResolver tenants, TenantStorage storage, ReadConsistencyGate gate, MeterRegistry registry,
                      int maxFrameBytes) {
        this.tenants = tenants;
        this.storage = storage;
        this.gate = gate;
        this.registry = registry;
        this.maxFrameBytes = maxFrameBytes;
        this.successes = latency(registry, "success");
        this.failures = latency(registry, "failure");
    }

    private static Timer latency(MeterRegistry registry, String outcome) {
        return Timer.builder("tributary.remote.read.duration")
                .description("Time to answer a remote-read request, from arrival until the last byte of the answer "
                        + "was handed to the server (including the read-consistency wait); outcome=failure for "
                        + "refused requests and storage errors.")
                .tag("outcome", outcome).register(registry);
    }

    public ServerResponse read(ServerRequest request) {
        long started = System.nanoTime();
        HttpServletRequest servlet = request.servletRequest();
        try {
            String tenant = tenants.resolve(servlet.getHeader(TenantResolver.TENANT_HEADER),
                    servlet.getHeader("Authorization"));
            String consistency = ReadConsistencyHeader.level(servlet.getHeader(ReadConsistencyHeader.NAME));
            ReadRequestMessage message = decode(servlet);
            List<List<LabelMatcher>> matchers = matchers(message.queries());
            ResponseType preferred = ResponseType.negotiate(message.acceptedResponseTypes())
                    .orElseThrow(() -> new InvalidQueryException("server does not support any of the requested "
                            + "response types: " + message.acceptedResponseTypes() + "; supported: "
                            + Arrays.toString(ResponseType.values())));
            gate.await(tenant, consistency);

            ChunkQuerier querier = storage.querier(tenant);
            List<List<SeriesChunks>> selected = new ArrayList<>(matchers.size());
            for (int q = 0; q < matchers.size(); q++) {
                ReadQuery query = message.queries().get(q);
                selected.add(querier.select(query.startMs(), query.endMs(), matchers.get(q)));
            }
            if (preferred == ResponseType.STREAMED_XOR_CHUNKS) {
                // Histograms become chunks before the answer starts, so that a failure still gets a status code.
                List<List<SeriesChunks>> chunked = new ArrayList<>(selected.size());
                for (List<SeriesChunks> series : selected) {
                    chunked.add(series.stream().map(RemoteReadSeries::withHistogramChunks).toList());
                }
                return streamed(message.queries(), chunked, started);
            }
            return samples(message.queries(), selected, started);
        } catch (TenantResolver.TenantException e) {
            return refused(e.status(), e.getMessage(), started);
        } catch (InvalidQueryException e) {
            return refused(400, e.getMessage(), started);
        } catch (BodyTooLargeException e) {
            return refused(413, e.getMessage(), started);
        } catch (ReadConsistencyException e) {
            return refused(503, "read consistency not reached: " + e.getMessage(), started);
        } catch (IOException e) {
            return refused(400, "reading the request body failed: " + e.getMessage(), started);
        } catch (RuntimeException e) {
            log.warn("remote read failed", e);
            return refused(500, "remote read failed: " + e.getMessage(), started);
        }
    }

    private static ReadRequestMessage decode(HttpServletRequest servlet) throws IOException {
        byte[] compressed;
        try (InputStream in = servlet.getInputStream()) {
            compressed = in.readNBytes(MAX_REQUEST_BYTES + 1);
        }
        if (compressed.length > MAX_REQUEST_BYTES) {
            throw new BodyTooLargeException("read request body exceeds " + MAX_REQUEST_BYTES + " bytes");
        }
        byte[] body;
        try {
            body = SnappyBlock.decompress(compressed, compressed.length, MAX_REQUEST_BYTES);
        } catch (SnappyLimitExceededException e) {
            throw new BodyTooLargeException("read request " + e.getMessage());
        } catch (CorruptSnappyException e) {
            throw new InvalidQueryException("read request body is not snappy-compressed protobuf: " + e.getMessage());
        }
        try {
            return ReadRequestDecoder.decode(body, 0, body.length);
        } catch (MalformedProtobufException e) {
            throw new InvalidQueryException("malformed ReadRequest: " + e.getMessage());
        }
    }

    private static List<List<LabelMatcher>> matchers(List<ReadQuery> queries) {
        List<List<LabelMatcher>> all = new ArrayList<>(queries.size());
        for (int q = 0; q < queries.size(); q++) {
            List<MatcherSpec> specs = queries.get(q).matchers();
            if (specs.isEmpty()) {
                throw new InvalidQueryException("query " + q + " has no matchers: select series with at least one");
            }
            List<LabelMatcher> matchers = new ArrayList<>(specs.size());
            for (MatcherSpec spec : specs) {
                LabelMatcher.Type type = switch (spec.type()) {
                    case EQ -> LabelMatcher.Type.EQUAL;
                    case NEQ -> LabelMatcher.Type.NOT_EQUAL;
                    case RE -> LabelMatcher.Type.REGEX;
                    case NRE -> LabelMatcher.Type.NOT_REGEX;
                };
                try {
                    matchers.add(LabelMatcher.of(type, spec.name(), spec.value()));
                } catch (PatternSyntaxException e) {
                    throw new InvalidQueryException("query " + q + ": invalid regular expression in " + spec.name()
                            + type.operator() + "\"" + spec.value() + "\": " + e.getDescription());
                }
            }
            all.add(matchers);
        }
        return all;
    }

    private ServerResponse samples(List<ReadQuery> queries, List<List<SeriesChunks>> selected, long started) {
        List<List<ReadSeries>> results = new ArrayList<>(queries.size());
        for (int q = 0; q < queries.size(); q++) {
            List<ReadSeries> result = new ArrayList<>();
            for (SeriesChunks series : selected.get(q)) {
                ReadSeries inRange = RemoteReadSeries.samples(series, queries.get(q).startMs(), queries.get(q).endMs());
                if (inRange != null) {
                    result.add(inRange);
                }
            }
            results.add(result);
        }
        byte[] encoded = ReadResponseEncoder.encode(results);
        byte[] body = SnappyBlock.compress(encoded, 0, encoded.length);
        count(ResponseType.SAMPLES, 200);
        return ServerResponse.ok().build((request, response) -> {
            response.setContentType(SAMPLES_CONTENT_TYPE);
            response.setHeader("Content-Encoding", "snappy");
            response.setContentLength(body.length);
            timed(started, () -> response.getOutputStream().write(body));
            return null;
        });
    }

    private ServerResponse streamed(List<ReadQuery> queries, List<List<SeriesChunks>> selected, long started) {
        count(ResponseType.STREAMED_XOR_CHUNKS, 200);
        return ServerResponse.ok().build((request, response) -> {
            response.setContentType(STREAMED_CONTENT_TYPE);
            ChunkedReadWriter writer = new ChunkedReadWriter(response.getOutputStream(), maxFrameBytes);
            timed(started, () -> {
                for (int q = 0; q < queries.size(); q++) {
                    long mint = queries.get(q).startMs();
                    long maxt = queries.get(q).endMs();
                    for (SeriesChunks series : selected.get(q)) {
                        writer.writeSeries(q, RemoteReadSeries.labels(series.labels()),
                                RemoteReadSeries.chunks(series, mint, maxt));
                    }
                }
                response.flushBuffer();
            });
            return null;
        });
    }

    @FunctionalInterface
    private interface Write {
        void run() throws IOException;
    }

    /** Writes the answer and records its latency; once the status is sent, a broken connection counts as failure. */
    private void timed(long started, Write write) throws IOException {
        boolean completed = false;
        try {
            write.run();
            completed = true;
        } finally {
            (completed ? successes : failures).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private ServerResponse refused(int status, String message, long started) {
        if (status >= 500) {
            log.warn("remote read answered {}: {}", status, message);
        } else {
            log.debug("remote read answered {}: {}", status, message);
        }
        count(null, status);
        failures.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return Responses.text(status, message);
    }

    private void count(ResponseType type, int status) {
        Counter.builder("tributary.remote.read.requests")
                .description("Remote-read requests answered, by response type (none when refused) and HTTP "
                        + "status code.")
                .tag("response_type", type == null ? "none" : type.name().toLowerCase(Locale.ROOT))
                .tag("status_code", Integer.toString(status))
                .register(registry).increment();
    }

    /** A read request body over {@link #MAX_REQUEST_BYTES}: answered with 413. */
    private static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException(String message) {
            super(message, null, false, false);
        }
    }
}
