package io.tributary.console.partitions;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.access.AccessTestApplication;
import io.tributary.ingest.PushService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The partitions section as the web layer serves it, with Kafka's answers from a fixed probe (this process reads no
 * partition, as with target=distributor): login, CSRF, validation of the actions with reasons, escaping.
 */
@SpringBootTest(classes = {AccessTestApplication.class, PartitionsPagesTest.FixedKafka.class}, properties = {
        "tributary.console.password=" + AccessTestApplication.ADMIN_PASSWORD,
        "tributary.target=distributor",
        "tributary.instance-id=distributor-zone-a-1",
        "ingest-storage.kafka.address=" + AccessTestApplication.KAFKA_ADDRESS,
        "ingest-storage.kafka.sasl-mechanism=PLAIN",
        "ingest-storage.kafka.sasl-username=tributary",
        "ingest-storage.kafka.sasl-password=" + PartitionsPagesTest.KAFKA_PASSWORD,
        "ingest-storage.kafka.topic=metrics-eu-west"})
@AutoConfigureMockMvc
class PartitionsPagesTest {
    static final String KAFKA_PASSWORD = "kafka-sasl-password-never-shown";
    static final String HOSTILE = "<script>alert('lag')</script>";

    /** Kafka as the probe reports it: two partitions, one under-replicated, and an error text with markup. */
    @Import({PartitionsController.class, PartitionsApiController.class, PartitionsSampler.class,
            PartitionActions.class, BucketBlocks.class})
    static class FixedKafka {
        @Bean
        PartitionOffsetsProbe fixedProbe() {
            return groups -> new TopicSnapshot(System.currentTimeMillis(), List.of(
                    new KafkaPartition(0, 1, List.of(1, 2, 3), List.of(1, 2, 3), 10, 250, 1_700_000_000_000L, 4096, -1),
                    new KafkaPartition(1, 2, List.of(2, 3, 1), List.of(2), 0, 77, 1_700_000_000_000L, 2048, -1)),
                    "DescribeLogDirs failed: " + HOSTILE);
        }
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("tributary.data-dir", () -> AccessTestApplication.freshDataDir("partitions-pages"));
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    MeterRegistry registry;

    @Autowired
    PartitionsSampler sampler;

    @MockitoBean
    PushService pushService;

    @BeforeEach
    void aTenantWithAHostileNameHadSamplesRefused() {
        Counter refused = Counter.builder("tributary.discarded.samples").tag("reason", "rate_limited")
                .tag("user", HOSTILE).register(registry);
        if (refused.count() == 0) {
            refused.increment(3);
        }
        sampler.sampleNow();
    }

    private static RequestPostProcessor admin() {
        return user("admin").roles("ADMIN");
    }

    @Test
    void the_page_needs_the_admin_login() throws Exception {
        mvc.perform(get("/console/partitions")).andExpect(status().isFound())
                .andExpect(redirectedUrl("/login"));
        mvc.perform(get("/console/partitions/0")).andExpect(status().isFound());
    }

    @Test
    void the_json_endpoint_answers_401_without_login() throws Exception {
        mvc.perform(get("/console/api/partitions")).andExpect(status().isUnauthorized());
    }

    @Test
    void the_table_shows_kafkas_offsets_with_kafkas_column_names_and_empty_reader_columns() throws Exception {
        String page = mvc.perform(get("/console/partitions").with(admin())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("LOG-END-OFFSET", "CURRENT-OFFSET", "LAG", "Last produced",
                "data-field=\"logEndOffset\">250<", "data-field=\"lastProduced\">249<",
                "data-field=\"logStartOffset\">10<", "data-field=\"currentOffset\">–<", "under-replicated",
                "reads no partition", "href=\"/console/partitions/1\"", "/js/partitions.js", "/css/partitions.css",
                "<polyline", "href=\"/console/partitions\" class=\"refresh-link\"");
    }

    @Test
    void kafka_errors_and_tenant_names_are_escaped_and_no_secret_or_inline_script_is_rendered() throws Exception {
        String page = mvc.perform(get("/console/partitions").with(admin())).andReturn().getResponse()
                .getContentAsString();
        String json = mvc.perform(get("/console/api/partitions").with(admin())).andReturn().getResponse()
                .getContentAsString();

        assertThat(page).contains("&lt;script&gt;alert(&#39;lag&#39;)&lt;/script&gt;", "rate_limited: 3")
                .doesNotContain(HOSTILE, KAFKA_PASSWORD, AccessTestApplication.ADMIN_PASSWORD, "style=")
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)");
        assertThat(json).doesNotContain(KAFKA_PASSWORD, AccessTestApplication.ADMIN_PASSWORD);
    }

    @Test
    void the_json_carries_rows_charts_and_the_refresh_interval() throws Exception {
        mvc.perform(get("/console/api/partitions").with(admin())).andExpect(status().isOk())
                .andExpect(jsonPath("$.refreshSeconds").value(5))
                .andExpect(jsonPath("$.view.partitions[0].logEndOffset").value(250))
                .andExpect(jsonPath("$.view.partitions[0].lastProduced").value(249))
                .andExpect(jsonPath("$.view.partitions[1].isr[0]").value(2))
                .andExpect(jsonPath("$.view.readersHere").value(false))
                .andExpect(jsonPath("$.charts.topic.width").value(720));
    }

    @Test
    void a_partition_the_topic_does_not_have_is_not_found() throws Exception {
        mvc.perform(get("/console/partitions/7").with(admin())).andExpect(status().isNotFound());
    }

    @Test
    void the_drill_down_says_the_actions_belong_to_the_owning_ingester() throws Exception {
        String page = mvc.perform(get("/console/partitions/1").with(admin())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("<h1>Partition 1</h1>", "does not read partition").doesNotContain("Stop reader");
    }

    @Test
    void every_action_needs_the_csrf_token() throws Exception {
        for (String action : new String[] {"stop", "start", "reset"}) {
            mvc.perform(post("/console/partitions/0/" + action).with(admin()).param("confirm", "true")
                    .param("to", "start")).andExpect(status().isForbidden());
        }
    }

    @Test
    void a_reset_without_confirmation_is_refused_at_the_field() throws Exception {
        String page = mvc.perform(post("/console/partitions/0/reset").with(admin()).with(csrf()).param("to", "start"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("tick the confirmation");
    }

    @Test
    void a_reset_to_an_unknown_position_names_the_allowed_ones() throws Exception {
        String page = mvc.perform(post("/console/partitions/0/reset").with(admin()).with(csrf())
                        .param("to", "yesterday").param("confirm", "true"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("reset to &#39;yesterday&#39; is not known: choose start, end, timestamp or offset");
    }

    @Test
    void a_reset_to_a_negative_or_non_numeric_offset_is_refused_with_the_value_escaped() throws Exception {
        String page = mvc.perform(post("/console/partitions/0/reset").with(admin()).with(csrf())
                        .param("to", "offset").param("offset", "<b>-5</b>").param("confirm", "true"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("offset &#39;&lt;b&gt;-5&lt;/b&gt;&#39; is not a whole number of 0 or more")
                .doesNotContain("<b>-5</b>");
    }

    @Test
    void a_reset_to_a_malformed_timestamp_shows_both_accepted_forms() throws Exception {
        String page = mvc.perform(post("/console/partitions/0/reset").with(admin()).with(csrf())
                        .param("to", "timestamp").param("timestamp", "last tuesday").param("confirm", "true"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("RFC 3339", "Unix milliseconds");
    }

    @Test
    void a_valid_reset_of_a_partition_read_elsewhere_is_a_conflict_with_the_reason() throws Exception {
        String page = mvc.perform(post("/console/partitions/0/reset").with(admin()).with(csrf())
                        .param("to", "start").param("confirm", "true"))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("partition 0 has no reader in this process");
    }

    @Test
    void stopping_without_confirmation_is_refused() throws Exception {
        String page = mvc.perform(post("/console/partitions/0/stop").with(admin()).with(csrf()))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("tick the confirmation to stop the reader");
    }

    @Test
    void the_tenants_table_lists_refused_samples_by_reason() throws Exception {
        String json = mvc.perform(get("/console/api/partitions").with(admin())).andReturn().getResponse()
                .getContentAsString();

        assertThat(json).contains("\"rate_limited\":3");
    }
}
