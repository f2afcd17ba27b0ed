package io.tributary.console.partitions;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The partitions page's data as JSON, polled by its auto-refresh: the latest sample, and the charts' polyline points
 * (the partitions' as sparklines), so the script draws nothing itself. Behind the admin login like every console API.
 */
@RestController
public class PartitionsApiController {

    /** The JSON answer: the sample and its charts. */
    public record PartitionsJson(PartitionsView view, PartitionCharts charts, int refreshSeconds) {
    }

    private final PartitionsSampler sampler;

    public PartitionsApiController(PartitionsSampler sampler) {
        this.sampler = sampler;
    }

    @GetMapping("/console/api/partitions")
    PartitionsJson partitions() {
        PartitionsView view = sampler.latest();
        return new PartitionsJson(view, PartitionCharts.of(view, sampler.history(), false),
                (int) PartitionsSampler.INTERVAL.toSeconds());
    }
}
