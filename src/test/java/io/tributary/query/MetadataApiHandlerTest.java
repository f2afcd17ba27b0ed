package io.tributary.query;

import static io.tributary.query.InMemoryTenantStorage.floats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.config.TributaryProperties;
import io.tributary.storage.Labels;
import io.tributary.tenant.TenantResolver;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The Prometheus HTTP API metadata endpoints, answered from per-tenant storage. */
class MetadataApiHandlerTest {

    private static final long T0 = 1_700_000_000_000L;     // 2023-11-14T22:13:20Z
    private static final long STEP = 15_000;

    private final InMemoryTenantStorage storage = new InMemoryTenantStorage()
            // Scraped during the first hour.
            .add("team-a", floats(Labels.of("__name__", "http_requests_total", "job", "api", "instance", "10.0.0.1:8080",
                    "code", "200"), T0, STEP, 240, t -> 1))
            .add("team-a", floats(Labels.of("__name__", "http_requests_total", "job", "api", "instance", "10.0.0.1:8080",
                    "code", "500"), T0, STEP, 240, t -> 1))
            .add("team-a", floats(Labels.of("__name__", "node_load1", "job", "node", "instance", "db-1:9100"),
                    T0, STEP, 240, t -> 0.5))
            // Only during the second hour.
            .add("team-a", floats(Labels.of("__name__", "up", "job", "batch", "instance", "runner-7", "service.name",
                    "nightly-export"), T0 + 3_600_000, STEP, 240, t -> 1))
            .add("team-b", floats(Labels.of("__name__", "billing_invoices_total", "job", "billing",
                    "region", "eu-west-1"), T0, STEP, 10, t -> 3));
    private final RecordingGate gate = new RecordingGate();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private MockMvc mvc() {
        TenantResolver tenants = new TenantResolver(new TributaryProperties());
        return MockMvcBuilders.routerFunctions(QueryRoutes.of(
                new RemoteReadHandler(tenants, storage, gate, registry),
                new MetadataApiHandler(tenants, storage, gate, registry))).build();
    }

    @Test
    void labelsListsEveryLabelNameOfTheTenantSorted() throws Exception {
        mvc().perform(get("/api/v1/labels").header("X-Scope-OrgID", "team-a"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.status").value("success"))
                .andExpect(jsonPath("$.data", contains("__name__", "code", "instance", "job", "service.name")))
                .andExpect(jsonPath("$.warnings").doesNotExist());
    }

    @Test
    void labelsAreNarrowedByMatchersAndTheTimeRange() throws Exception {
        mvc().perform(get("/api/v1/labels").header("X-Scope-OrgID", "team-a").param("match[]", "{job=~\"api|node\"}"))
                .andExpect(jsonPath("$.data", contains("__name__", "code", "instance", "job")));
        mvc().perform(get("/api/v1/labels").header("X-Scope-OrgID", "team-a")
                        .param("start", "2023-11-14T23:20:00Z").param("end", "2023-11-14T23:30:00Z"))
                .andExpect(jsonPath("$.data", contains("__name__", "instance", "job", "service.name")));
    }

    @Test
    void severalMatchParametersAreAUnion() throws Exception {
        mvc().perform(get("/api/v1/label/job/values").header("X-Scope-OrgID", "team-a")
                        .param("match[]", "node_load1").param("match[]", "up{instance=\"runner-7\"}"))
                .andExpect(jsonPath("$.data", contains("batch", "node")));
    }

    @Test
    void labelValuesOfOneNameSortedWithoutDuplicates() throws Exception {
        mvc().perform(get("/api/v1/label/instance/values").header("X-Scope-OrgID", "team-a"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data", contains("10.0.0.1:8080", "db-1:9100", "runner-7")));
        mvc().perform(get("/api/v1/label/__name__/values").header("X-Scope-OrgID", "team-a")
                        .param("end", String.valueOf((T0 + 60_000) / 1000.0)))
                .andExpect(jsonPath("$.data", contains("http_requests_total", "node_load1")));
    }

    @Test
    void anEscapedUtf8LabelNameIsUnescaped() throws Exception {
        mvc().perform(get("/api/v1/label/U__service_2e_name/values").header("X-Scope-OrgID", "team-a"))
                .andExpect(jsonPath("$.data", contains("nightly-export")));
        mvc().perform(get("/api/v1/label/service.name/values").header("X-Scope-OrgID", "team-a"))
                .andExpect(jsonPath("$.data", contains("nightly-export")));
    }

    @Test
    void aLabelNobodyHasHasNoValues() throws Exception {
        mvc().perform(get("/api/v1/label/datacenter/values").header("X-Scope-OrgID", "team-a"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.data", empty()));
    }

    @Test
    void seriesReturnsEachMatchingLabelSetOnce() throws Exception {
        mvc().perform(get("/api/v1/series").header("X-Scope-OrgID", "team-a")
                        .param("match[]", "http_requests_total").param("match[]", "{code=\"500\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data", hasSize(2)))
                .andExpect(jsonPath("$.data[0].__name__").value("http_requests_total"))
                .andExpect(jsonPath("$.data[0].code").value("200"))
                .andExpect(jsonPath("$.data[1].code").value("500"))
                .andExpect(jsonPath("$.data[1].instance").value("10.0.0.1:8080"));
    }

    @Test
    void seriesOutsideTheTimeRangeAreNotListed() throws Exception {
        mvc().perform(get("/api/v1/series").header("X-Scope-OrgID", "team-a").param("match[]", "{job!=\"\"}")
                        .param("start", String.valueOf((T0 + 3_700_000) / 1000)))
                .andExpect(jsonPath("$.data", hasSize(1)))
                .andExpect(jsonPath("$.data[0].job").value("batch"));
    }

    @Test
    void formEncodedPostsWorkLikeGets() throws Exception {
        mvc().perform(post("/prometheus/api/v1/series").header("X-Scope-OrgID", "team-a")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("match%5B%5D=node_load1&start=1700000000&end=1700000300"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data[0].instance").value("db-1:9100"));
        mvc().perform(post("/prometheus/api/v1/labels").header("X-Scope-OrgID", "team-b")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED).content("match%5B%5D=%7Bregion%3D%22eu-west-1%22%7D"))
                .andExpect(jsonPath("$.data", contains("__name__", "job", "region")));
        mvc().perform(get("/prometheus/api/v1/label/job/values").header("X-Scope-OrgID", "team-b"))
                .andExpect(jsonPath("$.data", contains("billing")));
    }

    @Test
    void aLimitTruncatesWithPrometheussWarning() throws Exception {
        mvc().perform(get("/api/v1/label/instance/values").header("X-Scope-OrgID", "team-a").param("limit", "2"))
                .andExpect(jsonPath("$.data", contains("10.0.0.1:8080", "db-1:9100")))
                .andExpect(jsonPath("$.warnings", contains("results truncated due to limit")));
        mvc().perform(get("/api/v1/series").header("X-Scope-OrgID", "team-a").param("match[]", "{job=\"api\"}")
                        .param("limit", "2"))
                .andExpect(jsonPath("$.data", hasSize(2))).andExpect(jsonPath("$.warnings").doesNotExist());
        mvc().perform(get("/api/v1/labels").header("X-Scope-OrgID", "team-a").param("limit", "0"))
                .andExpect(jsonPath("$.data", hasSize(5)));
    }

    @Test
    void tenantsAreIsolated() throws Exception {
        mvc().perform(get("/api/v1/label/__name__/values").header("X-Scope-OrgID", "team-b"))
                .andExpect(jsonPath("$.data", contains("billing_invoices_total")));
        mvc().perform(get("/api/v1/series").header("X-Scope-OrgID", "team-b").param("match[]", "http_requests_total"))
                .andExpect(jsonPath("$.data", empty()));
        mvc().perform(get("/api/v1/labels").header("X-Scope-OrgID", "team-new"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.data", empty()));
    }

    @Test
    void seriesWithoutMatchIsBadData() throws Exception {
        mvc().perform(get("/api/v1/series").header("X-Scope-OrgID", "team-a"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.status").value("error"))
                .andExpect(jsonPath("$.errorType").value("bad_data"))
                .andExpect(jsonPath("$.error").value("no match[] parameter provided"));
        assertThat(gate.calls).isEmpty();
    }

    @Test
    void anInvalidSelectorIsBadDataWithItsPosition() throws Exception {
        mvc().perform(get("/api/v1/labels").header("X-Scope-OrgID", "team-a").param("match[]", "up{job=\"api\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errorType").value("bad_data"))
                .andExpect(jsonPath("$.error").value(
                        "invalid parameter \"match[]\": 1:13: parse error: unexpected end of input inside braces"));
    }

    @Test
    void anInvalidRegularExpressionIsBadData() throws Exception {
        mvc().perform(get("/api/v1/series").header("X-Scope-OrgID", "team-a").param("match[]", "{job=~\"a(\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error", containsString("error parsing regexp \"a(\"")));
    }

    @Test
    void badTimesAndLimitsAreBadData() throws Exception {
        mvc().perform(get("/api/v1/labels").header("X-Scope-OrgID", "team-a").param("start", "yesterday"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("invalid parameter \"start\": cannot parse \"yesterday\" to a valid timestamp"));
        mvc().perform(get("/api/v1/labels").header("X-Scope-OrgID", "team-a").param("start", "200").param("end", "100"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error", containsString("end timestamp must not be before start time")));
        mvc().perform(get("/api/v1/labels").header("X-Scope-OrgID", "team-a").param("limit", "-1"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("invalid parameter \"limit\": limit must be non-negative"));
    }

    @Test
    void aMissingTenantIsUnauthorizedAsOnTheWritePath() throws Exception {
        mvc().perform(get("/api/v1/labels"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().string(containsString("X-Scope-OrgID")));
        mvc().perform(get("/api/v1/labels").header("X-Scope-OrgID", "team a"))
                .andExpect(status().isBadRequest());
        assertThat(gate.calls).isEmpty();
    }

    @Test
    void theConsistencyHeaderGoesToTheGateAndAnUnknownOneIsBadData() throws Exception {
        mvc().perform(get("/api/v1/labels").header("X-Scope-OrgID", "team-a").header("X-Read-Consistency", "eventual"))
                .andExpect(status().isOk());
        mvc().perform(get("/api/v1/labels").header("X-Scope-OrgID", "team-a").header("X-Read-Consistency", "sometimes"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errorType").value("bad_data"));

        assertThat(gate.calls).containsExactly(new RecordingGate.Call("team-a", "eventual"));
    }

    @Test
    void aGateFailureIsUnavailableWithTheReason() throws Exception {
        gate.failingWith("timed out after 10s waiting for partition 0 to reach offset 5120");

        mvc().perform(get("/api/v1/series").header("X-Scope-OrgID", "team-a").header("X-Read-Consistency", "strong")
                        .param("match[]", "up"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.status").value("error"))
                .andExpect(jsonPath("$.errorType").value("unavailable"))
                .andExpect(jsonPath("$.error", containsString("waiting for partition 0 to reach offset 5120")));
        assertThat(registry.get("tributary.query.api.requests").tags("endpoint", "series", "status_code", "503")
                .counter().count()).isEqualTo(1);
    }
}
