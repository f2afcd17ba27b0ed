package io.tributary.query;

import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.tenant.TenantResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

import java.util.Optional;

/**
 * Serves the query API once storage and read consistency exist as beans ({@link TenantStorage},
 * {@link ReadConsistencyGate}); until then the routes match nothing (404), and startup says so.
 *
 * <p>The beans are looked up when the routes are created, after every bean definition is known, so it does not
 * matter which configuration class declares them (unlike {@code @ConditionalOnBean}, which only sees the
 * definitions registered before it). This class creates no implementation of either interface yet.
 */
@Configuration(proxyBeanMethods = false)
public class QueryConfiguration {

    private static final Logger log = LoggerFactory.getLogger(QueryConfiguration.class);

    @Bean
    RouterFunction<ServerResponse> queryRoutes(TenantResolver tenants, ObjectProvider<TenantStorage> storage,
                                               ObjectProvider<ReadConsistencyGate> gate, MeterRegistry registry) {
        TenantStorage tenantStorage = storage.getIfUnique();
        ReadConsistencyGate readConsistency = gate.getIfUnique();
        if (tenantStorage == null || readConsistency == null) {
            log.info("Query API (remote read, labels, series) not served: no {} bean",
                    tenantStorage == null ? TenantStorage.class.getSimpleName()
                            : ReadConsistencyGate.class.getSimpleName());
            return request -> Optional.empty();
        }
        return QueryRoutes.of(new RemoteReadHandler(tenants, tenantStorage, readConsistency, registry),
                new MetadataApiHandler(tenants, tenantStorage, readConsistency, registry));
    }
}
