package io.tributary.config;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.stereotype.Component;

/**
 * Masks credentials in {@code /actuator/env} and {@code /actuator/configprops} even when someone sets
 * {@code management.endpoint.*.show-values=ALWAYS}: Boot runs sanitizing functions before it shows a value, and
 * with ALWAYS nothing else would stop a SASL password from being served in clear text.
 */
@Component
public class SecretSanitizingFunction implements SanitizingFunction {

    @Override
    public SanitizableData apply(SanitizableData data) {
        if (data.getValue() instanceof Secret || SecretKeys.isSecret(data.getKey())) {
            return data.withSanitizedValue();
        }
        return data;
    }
}
