package io.tributary.verify;

import java.util.Objects;

/**
 * What one check found: its status, the evidence an operator can verify by hand (values read from Kafka, the
 * bucket or the readers, never a credential), and the fix, empty when there is nothing to do.
 */
public record CheckResult(CheckStatus status, String evidence, String fix) {

    public CheckResult {
        Objects.requireNonNull(status, "status");
        evidence = evidence == null ? "" : evidence;
        fix = fix == null ? "" : fix;
    }

    public static CheckResult pass(String evidence) {
        return new CheckResult(CheckStatus.PASS, evidence, "");
    }

    public static CheckResult warn(String evidence, String fix) {
        return new CheckResult(CheckStatus.WARN, evidence, fix);
    }

    public static CheckResult fail(String evidence, String fix) {
        return new CheckResult(CheckStatus.FAIL, evidence, fix);
    }

    public static CheckResult skipped(String reason) {
        return new CheckResult(CheckStatus.SKIPPED, reason, "");
    }
}
