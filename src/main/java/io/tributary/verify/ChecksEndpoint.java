package io.tributary.verify;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code /actuator/checks}: the verification checks for scripts, as JSON, behind the admin's HTTP basic login like
 * every non-health actuator endpoint. {@code GET /actuator/checks} runs all checks, {@code GET
 * /actuator/checks/{id}} runs one; both answer the run ({@code status} is FAIL when any check failed).
 * <p>
 * A GET that writes a canary record and sample: actuator's write operations are POSTs, which the admin chain
 * guards with CSRF for browsers, so a script with basic auth could not call them; the canaries are harmless,
 * written as their own tenant.
 */
@Endpoint(id = "checks")
public class ChecksEndpoint {

    private final CheckRunner runner;

    public ChecksEndpoint(CheckRunner runner) {
        this.runner = runner;
    }

    @ReadOperation
    public CheckRun runAll() {
        return runner.runAll("endpoint");
    }

    /** Null (404) for an unknown id. */
    @ReadOperation
    public CheckRun runOne(@Selector String id) {
        if (runner.check(id).isEmpty()) {
            return null;
        }
        return runner.runOne(id, "endpoint");
    }
}
