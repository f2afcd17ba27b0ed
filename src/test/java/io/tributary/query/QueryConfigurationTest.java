package io.tributary.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tributary.config.TributaryProperties;
import io.tributary.tenant.TenantResolver;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/** The query routes exist exactly when storage and read consistency are wired, whichever class declares them. */
class QueryConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Basics.class, QueryConfiguration.class);

    @Test
    void withoutStorageAndGateNoQueryRouteMatches() {
        runner.run(context -> {
            assertThat(routes(context, "POST", "/api/v1/read")).isFalse();
            assertThat(routes(context, "GET", "/api/v1/labels")).isFalse();
        });
    }

    @Test
    void withOnlyStorageNoQueryRouteMatches() {
        runner.withBean(TenantStorage.class, InMemoryTenantStorage::new)
                .run(context -> assertThat(routes(context, "GET", "/api/v1/series")).isFalse());
    }

    @Test
    void beansDeclaredInAConfigurationRegisteredLaterStillEnableEveryRoute() {
        runner.withUserConfiguration(LaterStorageWiring.class).run(context -> {
            for (String prefix : List.of("", "/prometheus")) {
                assertThat(routes(context, "POST", prefix + "/api/v1/read")).isTrue();
                assertThat(routes(context, "GET", prefix + "/api/v1/labels")).isTrue();
                assertThat(routes(context, "POST", prefix + "/api/v1/labels")).isTrue();
                assertThat(routes(context, "GET", prefix + "/api/v1/label/job/values")).isTrue();
                assertThat(routes(context, "POST", prefix + "/api/v1/series")).isTrue();
            }
            assertThat(routes(context, "GET", "/api/v1/read")).isFalse();
            assertThat(routes(context, "DELETE", "/api/v1/series")).isFalse();
        });
    }

    @SuppressWarnings("unchecked")
    private static boolean routes(ApplicationContext context, String method, String path) {
        RouterFunction<ServerResponse> routes = context.getBean(RouterFunction.class);
        ServerRequest request = ServerRequest.create(new MockHttpServletRequest(method, path), List.of());
        return routes.route(request).isPresent();
    }

    @Configuration(proxyBeanMethods = false)
    static class Basics {
        @Bean
        TenantResolver tenantResolver() {
            return new TenantResolver(new TributaryProperties());
        }

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class LaterStorageWiring {
        @Bean
        TenantStorage tenantStorage() {
            return new InMemoryTenantStorage();
        }

        @Bean
        ReadConsistencyGate readConsistencyGate() {
            return new RecordingGate();
        }
    }
}
