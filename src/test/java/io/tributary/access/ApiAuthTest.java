package io.tributary.access;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code tributary.api-auth} switched on: shared and per-tenant credentials on the remote-write and query paths. */
@SpringBootTest(classes = AccessTestApplication.class, properties = {
        "tributary.console.password=" + AccessTestApplication.ADMIN_PASSWORD,
        "tributary.api-auth.enabled=true",
        "tributary.api-auth.username=prometheus-eu",
        "tributary.api-auth.password=shared-remote-write-secret",
        "tributary.api-auth.bearer-token=shared-bearer-7f3a",
        "tributary.api-auth.tenants.team-a.password=team-a-secret",
        "tributary.api-auth.tenants.team-b.bearer-token=team-b-token-91c2"})
@AutoConfigureMockMvc
class ApiAuthTest extends WithAcceptingPushService {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("tributary.data-dir", () -> AccessTestApplication.freshDataDir("api-auth"));
    }


    private static MockHttpServletRequestBuilder push() {
        return post("/api/v1/push").header("Content-Encoding", "snappy").contentType("application/x-protobuf")
                .content(new byte[] {0});
    }

    @Test
    void a_push_without_credentials_gets_401_with_the_reason_and_both_challenges() throws Exception {
        mvc.perform(push().header("X-Scope-OrgID", "team-a"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().string("no credentials: tributary.api-auth.enabled is true, so send basic-auth"
                        + " credentials or a bearer token\n"))
                .andExpect(header().stringValues(HttpHeaders.WWW_AUTHENTICATE,
                        "Basic realm=\"tributary-api\"", "Bearer realm=\"tributary-api\""));
        verify(pushService, never()).push(any(), any(), any(), anyInt());
    }

    @Test
    void a_wrong_password_gets_401() throws Exception {
        mvc.perform(push().with(httpBasic("team-a", "guessed")))
                .andExpect(status().isUnauthorized())
                .andExpect(content().string("wrong username or password for user 'team-a'\n"));
    }

    @Test
    void an_unknown_bearer_token_gets_401() throws Exception {
        mvc.perform(push().header("Authorization", "Bearer revoked-token").header("X-Scope-OrgID", "team-a"))
                .andExpect(status().isUnauthorized()).andExpect(content().string("unknown bearer token\n"));
    }

    @Test
    void the_shared_basic_credential_writes_for_the_tenant_in_x_scope_orgid() throws Exception {
        mvc.perform(push().with(httpBasic("prometheus-eu", "shared-remote-write-secret"))
                .header("X-Scope-OrgID", "team-c")).andExpect(status().isNoContent());
        verify(pushService).push(eq("team-c"), any(), any(), anyInt());
    }

    @Test
    void the_shared_bearer_token_writes_for_the_tenant_in_x_scope_orgid() throws Exception {
        mvc.perform(push().header("Authorization", "Bearer shared-bearer-7f3a").header("X-Scope-OrgID", "team-c"))
                .andExpect(status().isNoContent());
        verify(pushService).push(eq("team-c"), any(), any(), anyInt());
    }

    @Test
    void a_tenants_basic_credential_names_the_tenant_as_before() throws Exception {
        mvc.perform(push().with(httpBasic("team-a", "team-a-secret"))).andExpect(status().isNoContent());
        verify(pushService).push(eq("team-a"), any(), any(), anyInt());
    }

    @Test
    void a_tenants_bearer_token_writes_for_that_tenant_without_x_scope_orgid() throws Exception {
        mvc.perform(push().header("Authorization", "Bearer team-b-token-91c2")).andExpect(status().isNoContent());
        verify(pushService).push(eq("team-b"), any(), any(), anyInt());
    }

    @Test
    void a_tenants_credential_cannot_write_for_another_tenant() throws Exception {
        mvc.perform(push().header("Authorization", "Bearer team-b-token-91c2").header("X-Scope-OrgID", "team-a"))
                .andExpect(status().isForbidden())
                .andExpect(content().string("the credentials of tenant team-b are not valid for tenant team-a"
                        + " named in X-Scope-OrgID\n"));
        verify(pushService, never()).push(any(), any(), any(), anyInt());
    }

    @Test
    void queries_need_the_credentials_too_and_are_pinned_to_the_tenant() throws Exception {
        mvc.perform(get("/api/v1/labels").header("X-Scope-OrgID", "team-b")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/labels").header("Authorization", "Bearer team-b-token-91c2"))
                .andExpect(status().isOk()).andExpect(content().string("tenant=team-b"));
    }

    @Test
    void api_credentials_do_not_open_the_console_or_actuator() throws Exception {
        mvc.perform(get("/actuator/prometheus").with(httpBasic("prometheus-eu", "shared-remote-write-secret")))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/console/api/instance").header("Authorization", "Bearer shared-bearer-7f3a"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void health_probes_stay_open() throws Exception {
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
    }
}
