package io.tributary.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.util.stream.Collectors;

/**
 * Turns {@link InvalidSettingsException} into Spring Boot's "APPLICATION FAILED TO START" report, listing every
 * invalid setting instead of a stack trace through bean creation. Registered in META-INF/spring.factories.
 */
public class InvalidSettingsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingsException> {

    static final String ACTION = "fix the settings above (flags, env, YAML or the settings file) and start again";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingsException cause) {
        String description = "Tributary cannot start: " + InvalidSettingsException.count(cause.getViolations().size())
                + "\n\n" + cause.getViolations().stream()
                .map(violation -> "  - " + violation.message())
                .collect(Collectors.joining("\n"));
        return new FailureAnalysis(description, ACTION, cause);
    }
}
