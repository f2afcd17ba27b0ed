package io.tributary.config;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Lets every property source (flags, env, YAML, the settings file) bind a plain string to a {@link Secret}. */
@Component
@ConfigurationPropertiesBinding
public class SecretConverter implements Converter<String, Secret> {

    @Override
    public Secret convert(String source) {
        return Secret.of(source);
    }
}
