package io.tributary.consumer;

import io.tributary.config.Target;
import io.tributary.config.TributaryProperties;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which partitions this process reads. Explicit {@code tributary.owned-partitions} win; otherwise
 * {@code target=all} reads every partition and an ingester reads the partition numbered by the digits at the
 * end of its instance id, Mimir's convention ({@code ingester-zone-a-7} owns partition 7).
 */
public final class PartitionOwnership {
    private static final Pattern TRAILING_NUMBER = Pattern.compile("(\\d+)$");

    private PartitionOwnership() {
    }

    public static SortedSet<Integer> owned(TributaryProperties tributary, int partitionCount) {
        SortedSet<Integer> owned = new TreeSet<>();
        if (!tributary.getOwnedPartitions().isEmpty()) {
            owned.addAll(tributary.getOwnedPartitions());
        } else if (tributary.getTarget() == Target.ALL) {
            for (int p = 0; p < partitionCount; p++) {
                owned.add(p);
            }
        } else {
            owned.add(partitionFromInstanceId(tributary.getInstanceId()));
        }
        for (int p : owned) {
            if (p < 0 || p >= partitionCount) {
                throw new IllegalStateException("this ingester owns partition " + p + " but the topic has "
                        + partitionCount + " partitions (0.." + (partitionCount - 1) + "): add partitions to the "
                        + "topic or fix tributary.owned-partitions / tributary.instance-id");
            }
        }
        return owned;
    }

    /** The partition an instance id names, e.g. 7 for {@code ingester-zone-a-7}. */
    public static int partitionFromInstanceId(String instanceId) {
        Matcher m = TRAILING_NUMBER.matcher(instanceId == null ? "" : instanceId);
        if (!m.find()) {
            throw new IllegalStateException("tributary.instance-id '" + instanceId + "' does not end with a partition"
                    + " number (like ingester-zone-a-7) and tributary.owned-partitions is empty: set one of them");
        }
        return Integer.parseInt(m.group(1));
    }

    /**
     * The consumer group that stores a partition's offset: the configured group with {@code <partition>}
     * replaced, else the instance id when this ingester owns only the partition its id names (what a Mimir
     * ingester uses), else {@code <instance-id>-partition-<n>}, unique per partition.
     */
    public static String consumerGroup(String configured, String instanceId, int partition, boolean singleOwnedFromId) {
        if (configured != null && !configured.isEmpty()) {
            return configured.replace("<partition>", Integer.toString(partition));
        }
        if (singleOwnedFromId) {
            return instanceId;
        }
        return instanceId + "-partition-" + partition;
    }
}
