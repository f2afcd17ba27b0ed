package io.tributary.console.partitions;

import java.util.LinkedHashMap;
import java.util.Map;

/** The lag charts of one page: the topic's, and each partition's as a small sparkline or a full-width chart. */
public record PartitionCharts(LagChart topic, Map<Integer, LagChart> partitions) {
    static final int WIDE = 720;
    static final int TALL = 160;
    static final int SPARK_WIDE = 160;
    static final int SPARK_TALL = 32;

    public PartitionCharts {
        partitions = Map.copyOf(partitions);
    }

    /** The topic's chart wide, the partitions' as sparklines, over the last {@link PartitionsSampler#CHART_WINDOW}. */
    static PartitionCharts of(PartitionsView view, LagHistory history, boolean widePartitions) {
        long window = PartitionsSampler.CHART_WINDOW.toMillis();
        LagChart topic = LagChart.draw(history.points(LagHistory.TOPIC), view.takenAtMs(), window, WIDE, TALL);
        Map<Integer, LagChart> partitions = new LinkedHashMap<>();
        for (PartitionRow row : view.partitions()) {
            partitions.put(row.partition(), LagChart.draw(history.points(row.partition()), view.takenAtMs(), window,
                    widePartitions ? WIDE : SPARK_WIDE, widePartitions ? TALL : SPARK_TALL));
        }
        return new PartitionCharts(topic, partitions);
    }
}
