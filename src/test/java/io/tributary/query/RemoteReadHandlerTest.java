package io.tributary.query;

import static io.tributary.query.InMemoryTenantStorage.floats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.config.TributaryProperties;
import io.tributary.storage.ChunkEncoding;
import io.tributary.storage.HistogramChunks;
import io.tributary.storage.HistogramSample;
import io.tributary.storage.Labels;
import io.tributary.storage.SeriesChunks;
import io.tributary.storage.StoredChunk;
import io.tributary.tenant.TenantResolver;
import io.tributary.testing.ChunkedFrames;
import io.tributary.testproto.read.ChunkedReadResponse;
import io.tributary.testproto.read.LabelMatcher;
import io.tributary.testproto.read.Query;
import io.tributary.testproto.read.ReadRequest;
import io.tributary.testproto.read.ReadResponse;
import io.tributary.testproto.rw1.Histogram;
import io.tributary.testproto.rw1.TimeSeries;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.xerial.snappy.Snappy;

/** Remote read over real XOR chunks, through the routes as a Prometheus client calls them. */
class RemoteReadHandlerTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final long STEP = 15_000;
    private static final Labels API_1 = Labels.of("__name__", "http_requests_total", "job", "api",
            "instance", "10.0.0.1:8080");
    private static final Labels API_2 = Labels.of("__name__", "http_requests_total", "job", "api",
            "instance", "10.0.0.2:8080");
    private static final Labels NODE = Labels.of("__name__", "node_load1", "job", "node", "instance", "db-1:9100");
    private static final Labels BILLING = Labels.of("__name__", "http_requests_total", "job", "billing",
            "instance", "10.1.0.1:8080");
    private static final Labels LATENCY = Labels.of("__name__", "http_request_duration_seconds", "job", "api");

    private final InMemoryTenantStorage storage = new InMemoryTenantStorage()
            .add("team-a", floats(API_1, T0, STEP, 300, t -> t / 1000.0))     // chunks of 120, 120, 60 samples
            .add("team-a", floats(API_2, T0, STEP, 300, t -> 2 * (t / 1000.0)))
            .add("team-a", floats(NODE, T0, STEP, 10, t -> 0.25))
            .add("team-b", floats(BILLING, T0, STEP, 10, t -> 7));
    private final RecordingGate gate = new RecordingGate();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private MockMvc mvc(int maxFrameBytes) {
        TenantResolver tenants = new TenantResolver(new TributaryProperties());
        return MockMvcBuilders.routerFunctions(QueryRoutes.of(
                new RemoteReadHandler(tenants, storage, gate, registry, maxFrameBytes),
                new MetadataApiHandler(tenants, storage, gate, registry))).build();
    }

    private MockMvc mvc() {
        return mvc(1 << 20);
    }

    @Test
    void aSamplesAnswerHoldsExactlyTheSamplesInsideTheInclusiveRange() throws Exception {
        long start = T0 + 10 * STEP;
        long end = T0 + 20 * STEP;
        ReadRequest request = request(query(start, end, eq("__name__", "http_requests_total"), eq("job", "api")));

        MockHttpServletResponse response = read("team-a", request);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).isEqualTo("application/x-protobuf");
        assertThat(response.getHeader("Content-Encoding")).isEqualTo("snappy");
        ReadResponse answer = samples(response);
        assertThat(answer.getResultsCount()).isEqualTo(1);
        List<TimeSeries> series = answer.getResults(0).getTimeseriesList();
        assertThat(series).extracting(RemoteReadHandlerTest::labelsOf).containsExactly(API_1, API_2);
        for (TimeSeries ts : series) {
            assertThat(ts.getSamplesList()).hasSize(11);
            assertThat(ts.getSamples(0).getTimestamp()).isEqualTo(start);
            assertThat(ts.getSamples(10).getTimestamp()).isEqualTo(end);
        }
        assertThat(series.get(1).getSamples(0).getValue()).isEqualTo(2 * (start / 1000.0));
    }

    @Test
    void aSamplesRangeSpanningChunkBoundariesIsContiguousAndOrdered() throws Exception {
        long start = T0 + 100 * STEP; // inside the first chunk, ending inside the third
        long end = T0 + 250 * STEP;

        ReadResponse answer = samples(read("team-a", request(query(start, end, eq("instance", "10.0.0.1:8080")))));

        List<io.tributary.testproto.rw1.Sample> samples = answer.getResults(0).getTimeseries(0).getSamplesList();
        assertThat(samples).hasSize(151);
        for (int i = 0; i < samples.size(); i++) {
            assertThat(samples.get(i).getTimestamp()).isEqualTo(start + i * STEP);
            assertThat(samples.get(i).getValue()).isEqualTo((start + i * STEP) / 1000.0);
        }
    }

    @Test
    void everyMatcherTypeNarrowsTheSelection() throws Exception {
        Query query = query(T0, T0 + 3_600_000, re("__name__", "http_.*|node_.*"),
                neq("instance", "10.0.0.2:8080"), nre("job", "node|batch"));

        ReadResponse answer = samples(read("team-a", request(query)));

        assertThat(answer.getResults(0).getTimeseriesList()).extracting(RemoteReadHandlerTest::labelsOf)
                .containsExactly(API_1);
    }

    @Test
    void aStreamedAnswerCarriesTheWholeChunksThatOverlapTheRange() throws Exception {
        long start = T0 + 130 * STEP; // inside the second chunk only
        long end = T0 + 140 * STEP;
        ReadRequest request = request(query(start, end, eq("instance", "10.0.0.1:8080")))
                .toBuilder().addAcceptedResponseTypes(ReadRequest.ResponseType.STREAMED_XOR_CHUNKS)
                .addAcceptedResponseTypes(ReadRequest.ResponseType.SAMPLES).build();

        MockHttpServletResponse response = read("team-a", request);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType())
                .isEqualTo("application/x-streamed-protobuf; proto=prometheus.ChunkedReadResponse");
        assertThat(response.getHeader("Content-Encoding")).isNull();
        List<ChunkedReadResponse> frames = ChunkedFrames.parse(response.getContentAsByteArray());
        assertThat(frames).hasSize(1);
        var series = frames.get(0).getChunkedSeries(0);
        assertThat(labelsOf(series.getLabelsList())).isEqualTo(API_1);
        StoredChunk second = storedChunks("team-a", API_1).get(1);
        assertThat(series.getChunksList()).singleElement().satisfies(chunk -> {
            assertThat(chunk.getMinTimeMs()).isEqualTo(second.minTime());
            assertThat(chunk.getMaxTimeMs()).isEqualTo(second.maxTime());
            assertThat(chunk.getType()).isEqualTo(io.tributary.testproto.read.Chunk.Encoding.XOR);
            assertThat(chunk.getData().toByteArray()).isEqualTo(second.data());
        });
        assertThat(frames.get(0).getQueryIndex()).isZero();
    }

    @Test
    void streamedFramesNameTheirQueryAndFollowTheRequestOrder() throws Exception {
        ReadRequest request = request(
                query(T0, T0 + 5 * STEP, eq("job", "node")),
                query(T0, T0 + 3_600_000 * 2, eq("job", "api")))
                .toBuilder().addAcceptedResponseTypes(ReadRequest.ResponseType.STREAMED_XOR_CHUNKS).build();

        List<ChunkedReadResponse> frames = ChunkedFrames.parse(read("team-a", request).getContentAsByteArray());

        assertThat(frames).extracting(ChunkedReadResponse::getQueryIndex).containsExactly(0L, 1L, 1L);
        assertThat(frames).extracting(f -> labelsOf(f.getChunkedSeries(0).getLabelsList()))
                .containsExactly(NODE, API_1, API_2);
        assertThat(frames.get(1).getChunkedSeries(0).getChunksCount()).isEqualTo(3);
    }

    @Test
    void aSeriesOverTheFrameBudgetIsSplitIntoSeveralFramesInTimeOrder() throws Exception {
        ReadRequest request = request(query(T0, T0 + 3_600_000 * 2, eq("instance", "10.0.0.1:8080")))
                .toBuilder().addAcceptedResponseTypes(ReadRequest.ResponseType.STREAMED_XOR_CHUNKS).build();

        List<ChunkedReadResponse> frames = ChunkedFrames.parse(mvc(200).perform(readRequest("team-a", request))
                .andReturn().getResponse().getContentAsByteArray());

        assertThat(frames).hasSize(3);
        List<StoredChunk> stored = storedChunks("team-a", API_1);
        for (int i = 0; i < 3; i++) {
            assertThat(frames.get(i).getChunkedSeries(0).getChunks(0).getData().toByteArray())
                    .isEqualTo(stored.get(i).data());
        }
    }

    @Test
    void aClientPreferringSamplesGetsSamplesThoughItAcceptsChunks() throws Exception {
        ReadRequest request = request(query(T0, T0 + STEP, eq("job", "node"))).toBuilder()
                .addAcceptedResponseTypes(ReadRequest.ResponseType.SAMPLES)
                .addAcceptedResponseTypes(ReadRequest.ResponseType.STREAMED_XOR_CHUNKS).build();

        MockHttpServletResponse response = read("team-a", request);

        assertThat(response.getContentType()).isEqualTo("application/x-protobuf");
        assertThat(samples(response).getResults(0).getTimeseries(0).getSamplesCount()).isEqualTo(2);
    }

    @Test
    void aSamplesAnswerCarriesTheHistogramMessagesInsideTheRange() throws Exception {
        byte[] inRange = histogram(T0 + 5 * STEP, 3);
        storage.add("team-h", InMemoryTenantStorage.withHistograms(floats(LATENCY, T0, STEP, 5, t -> 0.5),
                List.of(new HistogramSample(T0 + 5 * STEP, inRange),
                        new HistogramSample(T0 + 100 * STEP, histogram(T0 + 100 * STEP, 4)))));

        TimeSeries series = samples(read("team-h", request(query(T0, T0 + 10 * STEP, eq("job", "api")))))
                .getResults(0).getTimeseries(0);

        assertThat(series.getSamplesCount()).isEqualTo(5);
        assertThat(series.getHistogramsList()).singleElement()
                .satisfies(h -> assertThat(h.toByteArray()).isEqualTo(inRange));
    }

    @Test
    void streamedNativeHistogramsTravelAsHistogramChunksAfterTheFloatChunks() throws Exception {
        List<HistogramSample> histograms = new ArrayList<>();
        for (int i = 5; i < 10; i++) {
            histograms.add(new HistogramSample(T0 + i * STEP, histogram(T0 + i * STEP, i)));
        }
        // A type change mid-series: floats first, then histograms, as Prometheus would store them.
        storage.add("team-h", InMemoryTenantStorage.withHistograms(floats(LATENCY, T0, STEP, 5, t -> 0.5), histograms));
        ReadRequest request = request(query(T0, T0 + 10 * STEP, eq("job", "api"))).toBuilder()
                .addAcceptedResponseTypes(ReadRequest.ResponseType.STREAMED_XOR_CHUNKS).build();

        MockHttpServletResponse response = read("team-h", request);

        assertThat(response.getContentType()).startsWith("application/x-streamed-protobuf");
        List<io.tributary.testproto.read.Chunk> chunks = ChunkedFrames.parse(response.getContentAsByteArray()).get(0)
                .getChunkedSeries(0).getChunksList();
        assertThat(chunks).extracting(io.tributary.testproto.read.Chunk::getType).containsExactly(
                io.tributary.testproto.read.Chunk.Encoding.XOR, io.tributary.testproto.read.Chunk.Encoding.HISTOGRAM);
        io.tributary.testproto.read.Chunk histogramChunk = chunks.get(1);
        List<HistogramSample> decoded = HistogramChunks.decode(new StoredChunk(histogramChunk.getMinTimeMs(),
                histogramChunk.getMaxTimeMs(), ChunkEncoding.HISTOGRAM, histogramChunk.getData().toByteArray()));
        assertThat(decoded).extracting(HistogramSample::timestamp)
                .containsExactlyElementsOf(histograms.stream().map(HistogramSample::timestamp).toList());
        for (int i = 0; i < decoded.size(); i++) {
            assertThat(Histogram.parseFrom(decoded.get(i).encoded()).toBuilder().clearResetHint().build())
                    .isEqualTo(Histogram.parseFrom(histograms.get(i).encoded()));
        }
    }

    @Test
    void tenantsSeeOnlyTheirOwnSeries() throws Exception {
        ReadRequest everyRequestsSeries = request(query(T0, T0 + 3_600_000, eq("__name__", "http_requests_total")));

        assertThat(samples(read("team-b", everyRequestsSeries)).getResults(0).getTimeseriesList())
                .extracting(RemoteReadHandlerTest::labelsOf).containsExactly(BILLING);
        assertThat(samples(read("team-a", everyRequestsSeries)).getResults(0).getTimeseriesList())
                .extracting(RemoteReadHandlerTest::labelsOf).containsExactly(API_1, API_2);
        assertThat(samples(read("team-never-wrote", everyRequestsSeries)).getResults(0).getTimeseriesCount())
                .isZero();
    }

    @Test
    void mimirsPrefixedPathServesTheSameAnswer() throws Exception {
        ReadRequest request = request(query(T0, T0 + STEP, eq("job", "node")));

        MockHttpServletResponse response = mvc().perform(post("/prometheus/api/v1/read")
                .header("X-Scope-OrgID", "team-a").content(Snappy.compress(request.toByteArray())))
                .andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(samples(response).getResults(0).getTimeseries(0).getSamplesCount()).isEqualTo(2);
    }

    @Test
    void theReadConsistencyHeaderReachesTheGateBeforeStorageIsRead() throws Exception {
        ReadRequest request = request(query(T0, T0 + STEP, eq("job", "node")));

        read("team-a", request, "Strong");
        read("team-a", request, null);

        assertThat(gate.calls).containsExactly(new RecordingGate.Call("team-a", "strong"),
                new RecordingGate.Call("team-a", null));
    }

    @Test
    void aGateTimeoutIs503WithItsReason() throws Exception {
        gate.failingWith("partition 3 still 1200 records behind after 10s");

        MockHttpServletResponse response = read("team-a", request(query(T0, T0 + STEP, eq("job", "node"))), "strong");

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentAsString()).contains("partition 3 still 1200 records behind after 10s");
        assertThat(registry.get("tributary.remote.read.requests").tag("status_code", "503").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aMissingTenantIsUnauthorizedAsOnTheWritePath() throws Exception {
        MockHttpServletResponse response = mvc().perform(post("/api/v1/read")
                .content(Snappy.compress(request(query(T0, T0 + STEP, eq("job", "node"))).toByteArray())))
                .andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentType()).startsWith("text/plain");
        assertThat(response.getContentAsString()).contains("X-Scope-OrgID");
        assertThat(gate.calls).isEmpty();
    }

    @Test
    void aBodyThatIsNotSnappyIsABadRequest() throws Exception {
        MockHttpServletResponse response = mvc().perform(post("/api/v1/read").header("X-Scope-OrgID", "team-a")
                .content(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}))
                .andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("snappy");
    }

    @Test
    void aBodyThatIsNotAReadRequestIsABadRequest() throws Exception {
        byte[] truncatedQuery = {0x0a, 0x10, 0x08, 0x01};

        MockHttpServletResponse response = mvc().perform(post("/api/v1/read").header("X-Scope-OrgID", "team-a")
                .content(Snappy.compress(truncatedQuery))).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).startsWith("malformed ReadRequest");
    }

    @Test
    void aQueryWithoutMatchersIsABadRequest() throws Exception {
        MockHttpServletResponse response = read("team-a", request(query(T0, T0 + STEP)));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("query 0 has no matchers");
        assertThat(gate.calls).isEmpty();
    }

    @Test
    void anInvalidRegularExpressionIsABadRequest() throws Exception {
        MockHttpServletResponse response = read("team-a", request(query(T0, T0 + STEP, re("job", "api("))));

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("invalid regular expression in job=~\"api(\"");
    }

    @Test
    void onlyUnknownResponseTypesAreABadRequest() throws Exception {
        ReadRequest request = request(query(T0, T0 + STEP, eq("job", "node"))).toBuilder()
                .addAcceptedResponseTypesValue(4).build();

        MockHttpServletResponse response = read("team-a", request);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("does not support any of the requested response types: [4]");
    }

    @Test
    void anUnknownReadConsistencyIsABadRequest() throws Exception {
        MockHttpServletResponse response = read("team-a", request(query(T0, T0 + STEP, eq("job", "node"))), "linear");

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("X-Read-Consistency").contains("strong or eventual");
        assertThat(gate.calls).isEmpty();
    }

    private MockHttpServletResponse read(String tenant, ReadRequest request) throws Exception {
        return read(tenant, request, null);
    }

    private MockHttpServletResponse read(String tenant, ReadRequest request, String consistency) throws Exception {
        MockHttpServletRequestBuilder builder = readRequest(tenant, request);
        if (consistency != null) {
            builder.header("X-Read-Consistency", consistency);
        }
        return mvc().perform(builder).andReturn().getResponse();
    }

    private static MockHttpServletRequestBuilder readRequest(String tenant, ReadRequest request) throws IOException {
        return post("/api/v1/read").header("X-Scope-OrgID", tenant).header("Content-Encoding", "snappy")
                .contentType("application/x-protobuf").content(Snappy.compress(request.toByteArray()));
    }

    private List<StoredChunk> storedChunks(String tenant, Labels labels) {
        return storage.querier(tenant).select(Long.MIN_VALUE, Long.MAX_VALUE, List.of(
                io.tributary.storage.LabelMatcher.equal("instance", labels.get("instance")))).stream()
                .filter(s -> s.labels().equals(labels)).findFirst().map(SeriesChunks::chunks).orElseThrow();
    }

    private static ReadResponse samples(MockHttpServletResponse response) throws IOException {
        return ReadResponse.parseFrom(Snappy.uncompress(response.getContentAsByteArray()));
    }

    private static ReadRequest request(Query... queries) {
        return ReadRequest.newBuilder().addAllQueries(List.of(queries)).build();
    }

    private static Query query(long start, long end, LabelMatcher... matchers) {
        return Query.newBuilder().setStartTimestampMs(start).setEndTimestampMs(end)
                .addAllMatchers(List.of(matchers)).build();
    }

    private static LabelMatcher eq(String name, String value) {
        return LabelMatcher.newBuilder().setType(LabelMatcher.Type.EQ).setName(name).setValue(value).build();
    }

    private static LabelMatcher neq(String name, String value) {
        return LabelMatcher.newBuilder().setType(LabelMatcher.Type.NEQ).setName(name).setValue(value).build();
    }

    private static LabelMatcher re(String name, String value) {
        return LabelMatcher.newBuilder().setType(LabelMatcher.Type.RE).setName(name).setValue(value).build();
    }

    private static LabelMatcher nre(String name, String value) {
        return LabelMatcher.newBuilder().setType(LabelMatcher.Type.NRE).setName(name).setValue(value).build();
    }

    private static byte[] histogram(long timestamp, long count) {
        return Histogram.newBuilder().setCountInt(count).setSum(0.25 * count).setSchema(0).setZeroCountInt(count)
                .setTimestamp(timestamp).build()
                .toByteArray();
    }

    private static Labels labelsOf(TimeSeries series) {
        return labelsOf(series.getLabelsList());
    }

    private static Labels labelsOf(List<io.tributary.testproto.rw1.Label> labels) {
        String[] pairs = new String[labels.size() * 2];
        for (int i = 0; i < labels.size(); i++) {
            pairs[2 * i] = labels.get(i).getName();
            pairs[2 * i + 1] = labels.get(i).getValue();
        }
        return Labels.of(pairs);
    }
}
