package io.tributary.tenant;

import io.tributary.config.ValidatedSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One tenant resolver for every role: the write path (distributor) and the read path (ingester) must agree on
 * who a request belongs to.
 */
@Configuration(proxyBeanMethods = false)
public class TenantConfiguration {

    @Bean
    TenantResolver tenantResolver(ValidatedSettings settings) {
        return new TenantResolver(settings.tributary());
    }
}
