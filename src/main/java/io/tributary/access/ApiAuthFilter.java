package io.tributary.access;

import io.tributary.tenant.TenantResolver;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Enforces {@code tributary.api-auth} on the remote-write, remote-read and query endpoints: refuses a request
 * without valid credentials with 401 and the reason in plain text (what Prometheus logs), and pins a request
 * made with a tenant's own credential to that tenant by presenting it as {@code X-Scope-OrgID} downstream, so
 * the endpoints keep resolving tenants exactly as without authentication.
 */
final class ApiAuthFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiAuthFilter.class);

    private final ApiCredentials credentials;

    ApiAuthFilter(ApiCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ApiCredentials.Verdict verdict = credentials.check(request.getHeader("Authorization"),
                request.getHeader(TenantResolver.TENANT_HEADER));
        if (verdict instanceof ApiCredentials.Refused refused) {
            refuse(refused, request, response);
        } else if (verdict instanceof ApiCredentials.Allowed allowed && allowed.tenant() != null) {
            chain.doFilter(new TenantPinnedRequest(request, allowed.tenant()), response);
        } else {
            chain.doFilter(request, response);
        }
    }

    private void refuse(ApiCredentials.Refused refused, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        log.debug("{} {} refused with {}: {}", request.getMethod(), request.getRequestURI(), refused.status(),
                refused.reason());
        response.setStatus(refused.status());
        if (refused.status() == 401) {
            if (credentials.acceptsBasic()) {
                response.addHeader("WWW-Authenticate", "Basic realm=\"tributary-api\"");
            }
            if (credentials.acceptsBearer()) {
                response.addHeader("WWW-Authenticate", "Bearer realm=\"tributary-api\"");
            }
        }
        byte[] body = (refused.reason() + "\n").getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/plain;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The request as seen downstream: X-Scope-OrgID names the tenant whose credential was presented. */
    private static final class TenantPinnedRequest extends HttpServletRequestWrapper {
        private final String tenant;

        TenantPinnedRequest(HttpServletRequest request, String tenant) {
            super(request);
            this.tenant = tenant;
        }

        @Override
        public String getHeader(String name) {
            return isTenantHeader(name) ? tenant : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return isTenantHeader(name) ? Collections.enumeration(List.of(tenant)) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>(Collections.list(super.getHeaderNames()));
            if (names.stream().noneMatch(TenantPinnedRequest::isTenantHeader)) {
                names.add(TenantResolver.TENANT_HEADER);
            }
            return Collections.enumeration(names);
        }

        private static boolean isTenantHeader(String name) {
            return TenantResolver.TENANT_HEADER.equalsIgnoreCase(name);
        }
    }
}
