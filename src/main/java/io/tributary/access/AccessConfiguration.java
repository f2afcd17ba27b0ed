package io.tributary.access;

import io.tributary.config.ValidatedSettings;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what. Four filter chains, tried in order:
 * <ol>
 *   <li>health probes ({@code /actuator/health} and its groups): open, so Kubernetes and load balancers need no
 *       credentials, and a tenant's basic-auth header on them is not mistaken for a wrong admin login;</li>
 *   <li>the remote-write, remote-read and query API: no session, no CSRF, no login; only the optional
 *       {@code tributary.api-auth} check, so existing senders and readers work exactly as before;</li>
 *   <li>every other actuator endpoint: the admin account, by HTTP basic auth (a scraper of
 *       {@code /actuator/prometheus}) or by the console's login session (a browser);</li>
 *   <li>everything else is the console: form login, session, CSRF on every form.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
public class AccessConfiguration {

    static final String ADMIN_ROLE = "ADMIN";

    /** The remote-write, remote-read and query paths, under Prometheus's root and Mimir's /prometheus prefix. */
    static final String[] API_PATHS = {"/api/v1/**", "/prometheus/api/v1/**"};

    /** The console's JSON endpoints: a missing login is a 401 for them, not a redirect to the login page. */
    static final String CONSOLE_API_PATHS = "/console/api/**";

    @Bean
    AdminAccount adminAccount(ValidatedSettings settings) {
        return AdminAccount.from(settings.tributary().getConsole(), settings.tributary().getDataDir());
    }

    @Bean
    UserDetailsService adminUser(AdminAccount admin) {
        return new InMemoryUserDetailsManager(User.withUsername(admin.username())
                .password(admin.encodedPassword()).roles(ADMIN_ROLE).build());
    }

    @Bean
    LoginThrottle loginThrottle(ValidatedSettings settings) {
        return new LoginThrottle(settings.tributary().getConsole().getLoginAttempts(),
                settings.tributary().getConsole().getLoginLockout(), java.time.Clock.systemUTC());
    }

    @Bean
    LoginAttempts loginAttempts(LoginThrottle throttle) {
        return new LoginAttempts(throttle);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain healthProbes(HttpSecurity http) throws Exception {
        return http.securityMatcher(EndpointRequest.to(HealthEndpoint.class))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(SecurityHeaders::apply)
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain remoteWriteAndQueryApi(HttpSecurity http, ValidatedSettings settings) throws Exception {
        http.securityMatcher(API_PATHS)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                // Machine clients with their own credentials (or none): no cookies, so no CSRF to defend against.
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .securityContext(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                // Answers stay byte for byte what they were before the console existed; they carry no HTML.
                .headers(AbstractHttpConfigurer::disable);
        if (settings.tributary().getApiAuth().isEnabled()) {
            // Not a bean: Boot would register a Filter bean for every URL of the servlet container as well.
            http.addFilterBefore(new ApiAuthFilter(new ApiCredentials(settings.tributary().getApiAuth())),
                    AuthorizationFilter.class);
        }
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain actuator(HttpSecurity http, LoginThrottle throttle) throws Exception {
        return http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .addFilterBefore(new LoginThrottleFilter(throttle), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole(ADMIN_ROLE))
                .httpBasic(basic -> basic.realmName("tributary").authenticationEntryPoint(basicAuthChallenge()))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(basicAuthChallenge()))
                // Scrapers and curl send GETs with basic auth; a browser's session cookie still needs CSRF for writes.
                .headers(SecurityHeaders::apply)
                .build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain console(HttpSecurity http, LoginThrottle throttle) throws Exception {
        RequestMatcher consoleApi = PathPatternRequestMatcher.withDefaults().matcher(CONSOLE_API_PATHS);
        return http
                .addFilterBefore(new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // Error pages of any chain (a 404 or 405 from the API included) render without a login.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/login", "/error", "/css/**", "/favicon.ico").permitAll()
                        .anyRequest().hasRole(ADMIN_ROLE))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/console"))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), consoleApi)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                AnyRequestMatcher.INSTANCE))
                .csrf(Customizer.withDefaults())
                .headers(SecurityHeaders::apply)
                .build();
    }

    /** 401 with {@code WWW-Authenticate: Basic}, which is what makes a scraper (or curl) send its credentials. */
    private static AuthenticationEntryPoint basicAuthChallenge() {
        BasicAuthenticationEntryPoint entryPoint = new BasicAuthenticationEntryPoint();
        entryPoint.setRealmName("tributary");
        return entryPoint;
    }
}
