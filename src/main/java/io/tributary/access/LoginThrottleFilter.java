package io.tributary.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses login attempts from a locked-out address before the password is even checked: the console's login form
 * is sent back to the login page with {@code ?locked}, a basic-auth request gets 429 with {@code Retry-After}.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;

    LoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean formLogin = "POST".equals(request.getMethod())
                && (request.getContextPath() + "/login").equals(request.getRequestURI());
        String authorization = request.getHeader("Authorization");
        boolean basicAuth = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        if (formLogin || basicAuth) {
            Optional<Duration> locked = throttle.lockedFor(request.getRemoteAddr());
            if (locked.isPresent()) {
                long seconds = Math.max(1, locked.get().toSeconds());
                if (formLogin) {
                    response.sendRedirect(request.getContextPath() + "/login?locked");
                } else {
                    response.setHeader("Retry-After", String.valueOf(seconds));
                    response.sendError(429, "too many failed logins from this address; try again in " + seconds + " s");
                }
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
