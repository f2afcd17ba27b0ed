package io.tributary.console.partitions;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.support.ConsoleAdmin;
import io.tributary.support.ConsoleSession;
import io.tributary.support.HeadlessChromium;
import io.tributary.support.RemoteReadClient;
import io.tributary.support.RemoteWriteClient;
import io.tributary.support.TestApplicationProperties;
import io.tributary.testproto.rw1.Label;
import io.tributary.testproto.rw1.Sample;
import io.tributary.testproto.rw1.TimeSeries;
import io.tributary.testproto.rw1.WriteRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The partitions section against the real embedded KRaft broker, through HTTP as an operator uses it: offsets move
 * and lag drains after a push, a stopped reader reset to the start re-reads without losing anything, the tenants
 * table counts a tenant's series, and the blocks table lists a block once its window is cut.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ingest-storage.kafka.auto-create-topic-default-partitions=1",
        "blocks-storage.tsdb.block-ranges-period=10s",
        "blocks-storage.tsdb.retention-period=48h",
})
@Timeout(180)
class PartitionsConsoleIT {
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Duration SAMPLES = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void isolate(DynamicPropertyRegistry registry) {
        TestApplicationProperties.isolate(PartitionsConsoleIT.class, registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    private ConsoleSession console;

    @BeforeEach
    void logIn() throws Exception {
        console = ConsoleSession.logIn(port);
    }

    private JsonNode partition0() throws Exception {
        HttpResponse<String> answer = console.get("/console/api/partitions", "application/json");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode view = JSON.readTree(answer.body()).get("view");
        assertThat(view.get("readersHere").asBoolean()).isTrue();
        return view.get("partitions").get(0);
    }

    private static long number(JsonNode row, String field) {
        JsonNode value = row.get(field);
        return value == null || value.isNull() ? Long.MIN_VALUE : value.asLong();
    }

    private void push(String tenant, String metric, int series, long timestamp) {
        WriteRequest.Builder request = WriteRequest.newBuilder();
        for (int s = 0; s < series; s++) {
            request.addTimeseries(TimeSeries.newBuilder()
                    .addLabels(Label.newBuilder().setName("__name__").setValue(metric))
                    .addLabels(Label.newBuilder().setName("instance").setValue("web-" + s))
                    .addSamples(Sample.newBuilder().setTimestamp(timestamp).setValue(s + 0.5)));
        }
        HttpResponse<String> pushed = new RemoteWriteClient(port).push(tenant, RemoteWriteClient.V1_TYPE,
                request.build().toByteArray());
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(204);
    }

    private void awaitCaughtUp() {
        await().atMost(SAMPLES).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode row = partition0();
            assertThat(number(row, "currentOffset")).as(row.toString()).isEqualTo(number(row, "lastProduced"));
            assertThat(number(row, "lag")).as(row.toString()).isZero();
        });
    }

    @Test
    void offsetsMoveAndLagReturnsToZeroAfterAPush() throws Exception {
        awaitCaughtUp();
        long endBefore = number(partition0(), "logEndOffset");

        long now = System.currentTimeMillis();
        for (int i = 0; i < 5; i++) {
            push("team-offsets", "checkout_latency_seconds", 2, now + i);
        }

        await().atMost(SAMPLES).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode row = partition0();
            assertThat(number(row, "logEndOffset")).as(row.toString()).isEqualTo(endBefore + 5);
            assertThat(number(row, "lastProduced")).isEqualTo(endBefore + 4);
            assertThat(number(row, "currentOffset")).isEqualTo(endBefore + 4);
            assertThat(number(row, "lag")).isZero();
            assertThat(row.get("lagSeconds").asDouble()).isZero();
            assertThat(row.get("state").asString()).isEqualTo("RUNNING");
            assertThat(row.get("leader").asInt()).isGreaterThanOrEqualTo(0);
        });
        String page = console.get("/console/partitions").body();
        assertThat(page).contains("data-field=\"currentOffset\">" + (endBefore + 4) + "<", "<polyline");
    }

    @Test
    void theTenantsTableShowsThePushedTenantsSeries() throws Exception {
        push("team-tenants", "queue_depth", 3, System.currentTimeMillis());

        await().atMost(SAMPLES).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode tenants = JSON.readTree(console.get("/console/api/partitions", "application/json").body()).get("view").get("tenants");
            JsonNode mine = null;
            for (JsonNode t : tenants) {
                if (t.get("tenant").asString().equals("team-tenants")) {
                    mine = t;
                }
            }
            assertThat(mine).as(tenants.toString()).isNotNull();
            assertThat(mine.get("series").asLong()).isEqualTo(3);
        });
        assertThat(console.get("/console/partitions").body()).contains("data-tenant=\"team-tenants\"");
    }

    @Test
    void aStoppedReadersOffsetResetToStartMakesItReReadAndNothingIsLost() throws Exception {
        long now = System.currentTimeMillis();
        List<Long> timestamps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            timestamps.add(now + i);
            push("team-replay", "replayed_gauge", 1, now + i);
        }
        awaitCaughtUp();
        // Once these samples are in a block, the replay checkpoint is past their offsets: a reset that let the
        // reader start from the checkpoint (as a restart does) would not re-read them.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> blocksTable().contains("<td>team-replay</td>"));

        HttpResponse<String> refused = console.submit("/console/partitions/0", "/console/partitions/0/reset",
                Map.of("to", "start", "confirm", "true"));
        assertThat(refused.statusCode()).as("a running reader's offset is not reset").isEqualTo(409);
        assertThat(refused.body()).contains("stop it before resetting");

        HttpResponse<String> stopped = console.submit("/console/partitions/0", "/console/partitions/0/stop",
                Map.of("confirm", "true"));
        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(302);
        await().atMost(SAMPLES).untilAsserted(() -> assertThat(partition0().get("state").asString()).isEqualTo("STOPPED"));

        // Produced while the reader is stopped: the LAG shows them waiting.
        for (int i = 0; i < 2; i++) {
            long t = System.currentTimeMillis() + i;
            timestamps.add(t);
            push("team-replay", "replayed_gauge", 1, t);
        }
        await().atMost(SAMPLES).untilAsserted(() -> assertThat(number(partition0(), "lag")).isEqualTo(2));
        long committedWhenStopped = number(partition0(), "currentOffset");
        long end = number(partition0(), "logEndOffset");

        HttpResponse<String> outOfRange = console.submit("/console/partitions/0", "/console/partitions/0/reset",
                Map.of("to", "offset", "offset", Long.toString(end + 10), "confirm", "true"));
        assertThat(outOfRange.statusCode()).isEqualTo(400);
        assertThat(outOfRange.body()).contains("offset " + (end + 10) + " is outside partition 0");

        double requestsBefore = readerRequests();
        HttpResponse<String> reset = console.submit("/console/partitions/0", "/console/partitions/0/reset",
                Map.of("to", "start", "confirm", "true"));
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(302);
        JsonNode afterReset = partition0();
        long start = number(afterReset, "logStartOffset");
        assertThat(number(afterReset, "currentOffset")).as("CURRENT-OFFSET went back").isEqualTo(start - 1)
                .isLessThan(committedWhenStopped);
        assertThat(number(afterReset, "lag")).isEqualTo(end - start);

        HttpResponse<String> started = console.submit("/console/partitions/0", "/console/partitions/0/start", Map.of());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
        awaitCaughtUp();
        assertThat(readerRequests() - requestsBefore).as("every retained record was read again")
                .isEqualTo((double) (end - start));

        RemoteReadClient.Result read = new RemoteReadClient(port).read("team-replay", "strong", now - 1,
                System.currentTimeMillis() + 1, "replayed_gauge");
        assertThat(read.status()).as(read.error()).isEqualTo(200);
        assertThat(read.series().values()).singleElement().satisfies(samples -> assertThat(samples)
                .extracting(s -> (long) s[0]).as("each sample once, none lost").containsExactlyElementsOf(timestamps));
    }

    @Test
    void inABrowserTheTableFollowsOffsetsWithoutAReloadUntilPaused() throws Exception {
        awaitCaughtUp();
        String endCell = "tr[data-partition=\"0\"] [data-field=\"logEndOffset\"]";
        try (HeadlessChromium browser = HeadlessChromium.start(port)) {
            browser.open("/login");
            browser.logIn(ConsoleAdmin.PASSWORD);
            browser.open("/console/partitions");
            long shown = Long.parseLong(browser.find(endCell).getText());

            for (int i = 0; i < 3; i++) {
                push("team-browser", "page_views", 1, System.currentTimeMillis());
            }
            // No reload: partitions.js fetches the JSON and rewrites the cells.
            await().atMost(SAMPLES).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(browser.find(endCell).getText()).isEqualTo(Long.toString(shown + 3));
                assertThat(browser.find("tr[data-partition=\"0\"] [data-field=\"lag\"]").getText()).isEqualTo("0");
            });
            browser.screenshot("partitions-01-table");

            browser.click(".refresh-controls button");
            assertThat(browser.find(".refresh-controls button").getText()).isEqualTo("Resume auto-refresh");
            push("team-browser", "page_views", 1, System.currentTimeMillis());
            await().atMost(SAMPLES).until(() -> number(partition0(), "logEndOffset") == shown + 4);
            Thread.sleep(2 * PartitionsSampler.INTERVAL.toMillis());
            assertThat(browser.find(endCell).getText()).as("paused: not refreshed").isEqualTo(Long.toString(shown + 3));

            browser.clickAndLoad("a[href=\"/console/partitions/0\"]");
            assertThat(browser.find("h1").getText()).isEqualTo("Partition 0");
            browser.screenshot("partitions-02-drill-down");

            browser.click("form[action$=\"/stop\"] input[name=\"confirm\"]");
            browser.clickAndLoad("form[action$=\"/stop\"] button");
            assertThat(browser.find("main").getText()).contains("is stopped", "Reset the committed offset");
            browser.screenshot("partitions-03-stopped-reset-form");
            browser.clickAndLoad("form[action$=\"/start\"] button");
            await().atMost(SAMPLES).untilAsserted(() -> assertThat(partition0().get("state").asString()).isEqualTo("RUNNING"));
        }
    }

    private double readerRequests() {
        return registry.find("tributary.ingest.storage.reader.requests").tag("partition", "0").counter().count();
    }

    @Test
    void theBlocksListShowsABlockAfterAWindowIsCut() throws Exception {
        // In the current window: an older one may already be cut by the other tests' windows, refusing it.
        long now = System.currentTimeMillis();
        long window = Math.floorDiv(now, 10_000) * 10_000;
        push("team-blocks", "room_temperature", 4, now);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> blocksTable().contains("<td>team-blocks</td>"));
        String row = blocksTable().substring(blocksTable().indexOf("<td>team-blocks</td>"));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains("<td>" + Instant.ofEpochMilli(window) + "</td>",
                "<td>" + Instant.ofEpochMilli(window + 10_000) + "</td>", "<td class=\"num\">4</td>");
    }

    private String blocksTable() throws Exception {
        String page = console.get("/console/partitions").body();
        int table = page.indexOf("<table class=\"blocks\"");
        return table < 0 ? "" : page.substring(table);
    }
}
