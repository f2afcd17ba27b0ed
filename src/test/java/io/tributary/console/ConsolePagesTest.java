package io.tributary.console;

import io.tributary.access.AccessTestApplication;
import io.tributary.ingest.PushService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The console's pages and JSON API as the logged-in admin sees them. */
@SpringBootTest(classes = AccessTestApplication.class, properties = {
        "tributary.console.password=" + AccessTestApplication.ADMIN_PASSWORD,
        "tributary.target=distributor",
        "tributary.instance-id=distributor-zone-a-1",
        "ingest-storage.kafka.address=" + AccessTestApplication.KAFKA_ADDRESS,
        "ingest-storage.kafka.topic=metrics-eu-west"})
@AutoConfigureMockMvc
class ConsolePagesTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("tributary.data-dir", () -> AccessTestApplication.freshDataDir("console-pages"));
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    PushService pushService;

    private static RequestPostProcessor admin() {
        return user("admin").roles("ADMIN");
    }

    @Test
    void the_home_page_shows_the_target_the_kafka_address_and_the_topic() throws Exception {
        String page = mvc.perform(get("/console").with(admin())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("distributor", "distributor-zone-a-1", AccessTestApplication.KAFKA_ADDRESS,
                "metrics-eu-west").doesNotContain("embedded broker");
    }

    @Test
    void the_home_page_links_every_section_and_logs_out_by_a_post_form_with_csrf_token() throws Exception {
        String page = mvc.perform(get("/console").with(admin())).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("href=\"/console/settings\"", "href=\"/console/partitions\"",
                "href=\"/console/checks\"", "action=\"/logout\"", "name=\"_csrf\"");
    }

    @Test
    void no_console_page_renders_the_admin_password_or_an_inline_script() throws Exception {
        // The partitions section has its own test (PartitionsPagesTest), with a context that includes its beans.
        for (String path : new String[] {"/console", "/console/settings", "/console/checks", "/login"}) {
            String page = mvc.perform(get(path).with(admin())).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            // Scripts only from our origin by src= (the CSP forbids inline ones); never an inline <script> block.
            assertThat(page).as(path).doesNotContain(AccessTestApplication.ADMIN_PASSWORD, "$2a$")
                    .doesNotContainPattern("<script(?![^>]*\\ssrc=)");
        }
    }

    @Test
    void an_unknown_section_is_not_found() throws Exception {
        mvc.perform(get("/console/tenants-and-secrets").with(admin())).andExpect(status().isNotFound());
    }

    @Test
    void the_root_sends_the_admin_to_the_console() throws Exception {
        mvc.perform(get("/").with(admin())).andExpect(status().isFound()).andExpect(redirectedUrl("/console"));
    }

    @Test
    void the_console_api_describes_the_instance_as_json() throws Exception {
        mvc.perform(get("/console/api/instance").with(admin())).andExpect(status().isOk())
                .andExpect(jsonPath("$.target").value("distributor"))
                .andExpect(jsonPath("$.instanceId").value("distributor-zone-a-1"))
                .andExpect(jsonPath("$.kafkaAddress").value(AccessTestApplication.KAFKA_ADDRESS))
                .andExpect(jsonPath("$.embeddedBroker").value(false))
                .andExpect(jsonPath("$.topic").value("metrics-eu-west"));
    }
}
