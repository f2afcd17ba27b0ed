package io.tributary.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.tributary.access.AccessTestApplication;
import io.tributary.ingest.PushService;
import io.tributary.verify.Check;
import io.tributary.verify.CheckResult;
import io.tributary.verify.CheckRunner;
import io.tributary.verify.FixableCheck;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The checks page, its JSON and the actuator endpoint with the real security chains, and a check runner whose two
 * checks answer like the real ones would (no Kafka here: the real checks are exercised by VerificationChecksIT).
 */
@SpringBootTest(classes = AccessTestApplication.class, properties = {
        "tributary.console.password=" + AccessTestApplication.ADMIN_PASSWORD,
        "tributary.target=distributor",
        "ingest-storage.kafka.address=" + AccessTestApplication.KAFKA_ADDRESS})
@AutoConfigureMockMvc
class ChecksControllerTest {

    /** Evidence that quotes what Kafka said may contain markup; the page must show it as text. */
    static final String MARKUP = "<script>alert('topic')</script>";

    static final AtomicInteger FIXES_APPLIED = new AtomicInteger();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("tributary.data-dir", () -> AccessTestApplication.freshDataDir("checks-page"));
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    PushService pushService;

    @TestBean
    CheckRunner checkRunner;

    static CheckRunner checkRunner() {
        Check quoting = new Check() {
            public String id() { return "kafka-connection"; }
            public String title() { return "Kafka broker reachable and authenticated"; }
            public CheckResult run() { return CheckResult.fail("Kafka said: " + MARKUP, "set ingest-storage.kafka.address"); }
        };
        FixableCheck topicLimit = new FixableCheck() {
            public String id() { return "max-message-bytes"; }
            public String title() { return "max.message.bytes fits the largest record"; }
            public CheckResult run() {
                return FIXES_APPLIED.get() > 0 ? CheckResult.pass("topic ingest max.message.bytes=16000000")
                        : CheckResult.fail("topic ingest max.message.bytes=1048588", "kafka-configs.sh --alter ...");
            }
            public String fixAction() { return "kafka-configs.sh --alter ..."; }
            public String applyFix() { FIXES_APPLIED.incrementAndGet(); return "set max.message.bytes=16000000"; }
        };
        return new CheckRunner(List.of(quoting, topicLimit), 5, Clock.systemUTC());
    }

    @BeforeEach
    void noFixYet() {
        FIXES_APPLIED.set(0);
    }

    private static RequestPostProcessor admin() {
        return user("admin").roles("ADMIN");
    }

    @Test
    void the_page_needs_the_login() throws Exception {
        mvc.perform(get("/console/checks")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/console/api/checks")).andExpect(status().isUnauthorized());
    }

    @Test
    void running_all_checks_needs_the_csrf_token() throws Exception {
        var before = checkRunner.latest();
        mvc.perform(post("/console/checks/run").with(admin())).andExpect(status().isForbidden());
        assertThat(checkRunner.latest()).isEqualTo(before);
    }

    @Test
    void run_all_redirects_to_the_run_whose_evidence_is_shown_escaped() throws Exception {
        mvc.perform(post("/console/checks/run").with(admin()).with(csrf()))
                .andExpect(status().isFound()).andExpect(redirectedUrlPattern("/console/checks?run=*"));
        long run = checkRunner.latest().orElseThrow().number();

        String page = mvc.perform(get("/console/checks").param("run", Long.toString(run)).with(admin()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Kafka said: &lt;script&gt;alert(&#39;topic&#39;)&lt;/script&gt;", "FAIL",
                "set ingest-storage.kafka.address", "action=\"/console/checks/max-message-bytes/fix\"",
                "name=\"confirm\"", "name=\"_csrf\"", "/css/checks.css").doesNotContain("<script", " style=");
    }

    @Test
    void a_fix_is_applied_only_with_the_confirmation_and_the_check_runs_again() throws Exception {
        mvc.perform(post("/console/checks/max-message-bytes/fix").with(admin()).with(csrf()))
                .andExpect(status().isFound()).andExpect(flash().attributeExists("error"));
        assertThat(FIXES_APPLIED).hasValue(0);

        mvc.perform(post("/console/checks/max-message-bytes/fix").param("confirm", "yes").with(admin()))
                .andExpect(status().isForbidden());
        assertThat(FIXES_APPLIED).hasValue(0);

        mvc.perform(post("/console/checks/max-message-bytes/fix").param("confirm", "yes").with(admin()).with(csrf()))
                .andExpect(status().isFound()).andExpect(flash().attribute("message", "Applied: set max.message.bytes=16000000"));
        assertThat(FIXES_APPLIED).hasValue(1);
        assertThat(checkRunner.latest().orElseThrow().checks()).singleElement()
                .satisfies(c -> assertThat(c.status().name()).isEqualTo("PASS"));
    }

    @Test
    void a_check_without_an_applicable_fix_or_an_unknown_check_is_refused() throws Exception {
        mvc.perform(post("/console/checks/kafka-connection/fix").param("confirm", "yes").with(admin()).with(csrf()))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/console/checks/no-such-check/run").with(admin()).with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void the_json_lists_the_checks_and_the_runs() throws Exception {
        mvc.perform(post("/console/checks/kafka-connection/run").with(admin()).with(csrf())).andExpect(status().isFound());

        mvc.perform(get("/console/api/checks").with(admin())).andExpect(status().isOk())
                .andExpect(jsonPath("$.checks[1].id").value("max-message-bytes"))
                .andExpect(jsonPath("$.checks[1].fixable").value(true))
                .andExpect(jsonPath("$.runs[0].status").value("FAIL"))
                .andExpect(jsonPath("$.runs[0].checks[0].evidence").value("Kafka said: " + MARKUP));
    }

    @Test
    void the_actuator_endpoint_runs_the_checks_for_the_admin_by_http_basic() throws Exception {
        mvc.perform(get("/actuator/checks")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/checks").with(httpBasic("admin", "wrong-password"))).andExpect(status().isUnauthorized());

        mvc.perform(get("/actuator/checks").with(httpBasic("admin", AccessTestApplication.ADMIN_PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("FAIL"))
                .andExpect(jsonPath("$.checks[0].id").value("kafka-connection"))
                .andExpect(jsonPath("$.checks[1].fixApplicable").value(true));
        mvc.perform(get("/actuator/checks/max-message-bytes").with(httpBasic("admin", AccessTestApplication.ADMIN_PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.checks.length()").value(1));
        mvc.perform(get("/actuator/checks/no-such-check").with(httpBasic("admin", AccessTestApplication.ADMIN_PASSWORD)))
                .andExpect(status().isNotFound());
    }
}
