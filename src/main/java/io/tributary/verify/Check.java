package io.tributary.verify;

import java.time.Duration;
import java.util.Set;

/**
 * One executable verification of a deployment: the seed's "verify your deployment" steps and the configuration
 * checks they imply. A check reads state and reports; only a {@link FixableCheck} changes anything, and only when
 * an operator asks for its fix.
 */
public interface Check {

    /** Stable identifier used in URLs, JSON and the CLI output, e.g. {@code max-message-bytes}. */
    String id();

    /** One line for people, e.g. "Topic max.message.bytes fits the largest record". */
    String title();

    /**
     * Runs the check. Exceptions are reported by the runner as a failure of this check, so an implementation
     * only catches what it can explain better.
     */
    CheckResult run() throws Exception;

    /**
     * Checks that must have passed (or warned) earlier in the same run for this one to mean anything; when one of
     * them failed or was skipped this check is skipped with that reason instead of repeating its failure.
     */
    default Set<String> requires() {
        return Set.of();
    }

    /** How long the runner lets this check take before reporting it failed; waits inside it stay below this. */
    default Duration timeout() {
        return Duration.ofSeconds(10);
    }
}
