package io.tributary.verify;

/**
 * A check whose fix Tributary can apply itself (through the Kafka Admin API) when an operator confirms it,
 * instead of leaving the operator to run the printed command.
 */
public interface FixableCheck extends Check {

    /** What applying the fix will change, shown next to the confirmation, e.g. the equivalent command. */
    String fixAction();

    /**
     * Applies the fix and returns what was changed. Throws when the fix cannot be applied; the caller shows the
     * explained failure. Runs the check again afterwards to see the result.
     */
    String applyFix() throws Exception;
}
