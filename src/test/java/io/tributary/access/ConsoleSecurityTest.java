package io.tributary.access;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static io.tributary.access.AccessTestApplication.ADMIN_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The access rules with the default settings: the console and the actuator need the admin login, health probes
 * and the remote-write/query API are open as before, forms need a CSRF token, and every page carries the
 * security headers.
 */
@SpringBootTest(classes = AccessTestApplication.class, properties = {
        "tributary.console.password=" + ADMIN_PASSWORD,
        "ingest-storage.kafka.address=" + AccessTestApplication.KAFKA_ADDRESS,
        "ingest-storage.kafka.topic=metrics-eu-west",
        "management.endpoint.env.show-values=always",
        "management.endpoint.configprops.show-values=always"})
@AutoConfigureMockMvc
class ConsoleSecurityTest extends WithAcceptingPushService {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("tributary.data-dir", () -> AccessTestApplication.freshDataDir("console-security"));
    }


    @Test
    void a_console_page_without_login_redirects_to_the_login_page() throws Exception {
        mvc.perform(get("/console")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/console/settings")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
    }

    @Test
    void the_console_api_without_login_answers_401() throws Exception {
        mvc.perform(get("/console/api/instance")).andExpect(status().isUnauthorized());
    }

    @Test
    void the_login_page_is_open_and_its_form_carries_a_csrf_token_and_no_script() throws Exception {
        String page = mvc.perform(get("/login")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("action=\"/login\"", "method=\"post\"", "name=\"_csrf\"", "/css/console.css")
                .doesNotContain("<script", "onclick=");
    }

    @Test
    void the_stylesheet_is_served_without_login() throws Exception {
        mvc.perform(get("/css/console.css")).andExpect(status().isOk());
    }

    @Test
    void the_right_password_logs_in_and_lands_on_the_console() throws Exception {
        mvc.perform(post("/login").param("username", "admin").param("password", ADMIN_PASSWORD).with(csrf()))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/console"))
                .andExpect(authenticated().withUsername("admin").withRoles("ADMIN"));
    }

    @Test
    void a_wrong_password_is_refused() throws Exception {
        mvc.perform(post("/login").param("username", "admin").param("password", "Tr0ub4dor&3").with(csrf()))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/login?error"))
                .andExpect(unauthenticated());
    }

    @Test
    void a_login_without_csrf_token_is_refused_even_with_the_right_password() throws Exception {
        mvc.perform(post("/login").param("username", "admin").param("password", ADMIN_PASSWORD))
                .andExpect(status().isForbidden()).andExpect(unauthenticated());
    }

    @Test
    void logging_out_needs_the_csrf_token() throws Exception {
        mvc.perform(post("/logout").with(user("admin").roles("ADMIN"))).andExpect(status().isForbidden());
        mvc.perform(post("/logout").with(user("admin").roles("ADMIN")).with(csrf()))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/login?logout"));
    }

    @Test
    void console_pages_carry_the_security_headers() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/login")).andReturn().getResponse();

        String policy = response.getHeader("Content-Security-Policy");
        assertThat(policy).contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeader("Referrer-Policy")).isEqualTo("same-origin");
    }

    @Test
    void liveness_readiness_and_health_are_open() throws Exception {
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    }

    @Test
    void health_probes_ignore_a_tenants_basic_auth_header_instead_of_refusing_it() throws Exception {
        mvc.perform(get("/actuator/health/readiness").with(httpBasic("team-a", "not-checked")))
                .andExpect(status().isOk());
    }

    @Test
    void other_actuator_endpoints_without_login_answer_401_with_a_basic_auth_challenge() throws Exception {
        for (String endpoint : new String[] {"/actuator/prometheus", "/actuator/info", "/actuator/env",
                "/actuator/configprops", "/actuator"}) {
            mvc.perform(get(endpoint)).andExpect(status().isUnauthorized())
                    .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Basic realm=\"tributary\"")));
        }
    }

    @Test
    void a_scraper_with_the_admin_basic_auth_reads_the_prometheus_endpoint() throws Exception {
        mvc.perform(get("/actuator/prometheus").with(httpBasic("admin", ADMIN_PASSWORD))).andExpect(status().isOk());
    }

    @Test
    void actuator_refuses_a_wrong_basic_auth_password() throws Exception {
        mvc.perform(get("/actuator/prometheus").with(httpBasic("admin", "Tr0ub4dor&3")))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void actuator_accepts_the_consoles_login_session() throws Exception {
        mvc.perform(get("/actuator/info").with(user("admin").roles("ADMIN"))).andExpect(status().isOk());
    }

    @Test
    void env_and_configprops_never_show_the_admin_password_even_with_show_values_always() throws Exception {
        String env = mvc.perform(get("/actuator/env").with(httpBasic("admin", ADMIN_PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String configprops = mvc.perform(get("/actuator/configprops").with(httpBasic("admin", ADMIN_PASSWORD)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(env).contains("tributary.console.password").doesNotContain(ADMIN_PASSWORD);
        assertThat(configprops).contains("metrics-eu-west").doesNotContain(ADMIN_PASSWORD);
    }

    @Test
    void remote_write_is_accepted_without_login_or_csrf_token_and_opens_no_session() throws Exception {
        MockHttpServletResponse response = mvc.perform(post("/api/v1/push")
                        .header("X-Scope-OrgID", "team-a").header("Content-Encoding", "snappy")
                        .contentType("application/x-protobuf").content(new byte[] {0}))
                .andExpect(status().isNoContent()).andReturn().getResponse();

        verify(pushService).push(eq("team-a"), any(), any(), anyInt());
        assertThat(response.getHeader(HttpHeaders.SET_COOKIE)).isNull();
        assertThat(response.getHeader("Content-Security-Policy")).as("API answers are unchanged").isNull();
    }

    @Test
    void remote_write_on_prometheus_path_with_a_tenant_basic_auth_header_is_accepted() throws Exception {
        mvc.perform(post("/api/v1/write").with(httpBasic("team-b", "not-checked"))
                        .header("Content-Encoding", "snappy").contentType("application/x-protobuf").content(new byte[] {0}))
                .andExpect(status().isNoContent());

        verify(pushService).push(eq("team-b"), any(), any(), anyInt());
    }

    @Test
    void a_remote_write_without_tenant_still_gets_the_tenant_401_not_a_login_redirect() throws Exception {
        mvc.perform(post("/api/v1/push").header("Content-Encoding", "snappy")
                        .contentType("application/x-protobuf").content(new byte[] {0}))
                .andExpect(status().isUnauthorized())
                .andExpect(header().doesNotExist(HttpHeaders.LOCATION));
    }

    @Test
    void queries_are_answered_without_login() throws Exception {
        String body = mvc.perform(get("/api/v1/labels").header("X-Scope-OrgID", "team-a"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(body).isEqualTo("tenant=team-a");
    }

    @Test
    void an_address_that_keeps_guessing_is_locked_out_even_with_the_right_password() throws Exception {
        RequestPostProcessor guesser = request -> {
            request.setRemoteAddr("203.0.113.66");
            return request;
        };
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/login").param("username", "admin").param("password", "guess-" + i).with(csrf()).with(guesser))
                    .andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(post("/login").param("username", "admin").param("password", ADMIN_PASSWORD).with(csrf()).with(guesser))
                .andExpect(redirectedUrl("/login?locked"));
        mvc.perform(get("/actuator/prometheus").with(httpBasic("admin", ADMIN_PASSWORD)).with(guesser))
                .andExpect(status().isTooManyRequests()).andExpect(header().exists("Retry-After"));

        // Someone else, from another address, still logs in.
        mvc.perform(post("/login").param("username", "admin").param("password", ADMIN_PASSWORD).with(csrf()))
                .andExpect(redirectedUrl("/console"));
    }
}
