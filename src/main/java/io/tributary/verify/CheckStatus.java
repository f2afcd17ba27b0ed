package io.tributary.verify;

/**
 * How a check ended. Ordered from best to worst except {@link #SKIPPED}, which says nothing about the deployment:
 * a run "fails" only when some check is {@link #FAIL}.
 */
public enum CheckStatus {
    /** What the check looks at is as it should be. */
    PASS,
    /** Works now, but something will bite later or under load (the evidence says what). */
    WARN,
    /** Broken: writes, reads or durability are affected now. */
    FAIL,
    /** Not checked here, with the reason (another role, a check it needs failed, not due yet). */
    SKIPPED
}
