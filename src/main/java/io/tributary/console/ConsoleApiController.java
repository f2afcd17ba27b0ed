package io.tributary.console;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The console's JSON API, for scripts and the pages' later enhancements; behind the same admin login. */
@RestController
public class ConsoleApiController {

    private final InstanceSummaries instance;

    public ConsoleApiController(InstanceSummaries instance) {
        this.instance = instance;
    }

    @GetMapping("/console/api/instance")
    InstanceSummary instance() {
        return instance.current();
    }
}
