package io.tributary.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown at startup when settings are invalid; carries every violation, one per line of its message. */
public class InvalidSettingsException extends RuntimeException {

    private final List<SettingsViolation> violations;

    public InvalidSettingsException(List<SettingsViolation> violations) {
        super(describe(violations));
        this.violations = List.copyOf(violations);
    }

    /** The violations, in the order the validator found them. */
    public List<SettingsViolation> getViolations() {
        return violations;
    }

    /** "N invalid setting(s)" with correct grammar, shared with the failure analysis so both read alike. */
    static String count(int n) {
        return n + (n == 1 ? " invalid setting" : " invalid settings");
    }

    private static String describe(List<SettingsViolation> violations) {
        return count(violations.size()) + ":\n" + violations.stream()
                .map(SettingsViolation::message)
                .collect(Collectors.joining("\n"));
    }
}
