package io.tributary.verify;

import java.time.Instant;

/** One check's result within a run, with when it ran, how long it took and whether its fix can be applied here. */
public record CheckReport(String id, String title, CheckStatus status, String evidence, String fix,
        boolean fixApplicable, Instant startedAt, long durationMillis) {

    static CheckReport of(Check check, CheckResult result, Instant startedAt, long durationMillis) {
        boolean applicable = check instanceof FixableCheck && result.status() == CheckStatus.FAIL;
        return new CheckReport(check.id(), check.title(), result.status(), result.evidence(), result.fix(), applicable,
                startedAt, durationMillis);
    }
}
