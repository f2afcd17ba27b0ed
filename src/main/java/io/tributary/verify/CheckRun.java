package io.tributary.verify;

import java.time.Instant;
import java.util.List;

/**
 * One run of all checks (or of one): its number in this process, who asked ({@code console}, {@code endpoint},
 * {@code cli}, ...), when, and the reports in the order the checks ran. {@code status} is the worst of PASS, WARN
 * and FAIL among the reports (SKIPPED counts for nothing; a run of only skipped checks is SKIPPED).
 */
public record CheckRun(long number, String trigger, Instant startedAt, long durationMillis, CheckStatus status,
        List<CheckReport> checks) {

    public CheckRun {
        checks = List.copyOf(checks);
    }

    static CheckStatus worst(List<CheckReport> reports) {
        CheckStatus worst = CheckStatus.SKIPPED;
        for (CheckReport report : reports) {
            worst = worse(worst, report.status());
        }
        return worst;
    }

    private static CheckStatus worse(CheckStatus a, CheckStatus b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(CheckStatus status) {
        return switch (status) {
            case SKIPPED -> 0;
            case PASS -> 1;
            case WARN -> 2;
            case FAIL -> 3;
        };
    }

    /** True when any check failed: what the CLI's exit code and the endpoint's summary report. */
    public boolean failed() {
        return status == CheckStatus.FAIL;
    }

    public long count(CheckStatus wanted) {
        return checks.stream().filter(c -> c.status() == wanted).count();
    }
}
