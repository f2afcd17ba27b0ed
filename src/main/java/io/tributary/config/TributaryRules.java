package io.tributary.config;

import java.nio.file.Path;
import java.util.List;

import static io.tributary.config.Violations.isSet;

/** Checks the {@code tributary.*} settings: state directory, tenancy, embedded broker and owned partitions. */
final class TributaryRules {

    private TributaryRules() {
    }

    static void check(TributaryProperties tributary, Violations out) {
        Path dataDir = tributary.getDataDir();
        if (dataDir == null || dataDir.toString().isBlank()) {
            out.add("tributary.data-dir", dataDir, "tributary.data-dir is empty: set the directory that holds"
                    + " Tributary's state (embedded broker log, settings file, blocks)");
        }
        if (tributary.getTarget() == null) {
            out.add("tributary.target", null, "tributary.target is empty: allowed values are all, distributor"
                    + " and ingester");
        }
        if (!tributary.isMultitenancyEnabled() && !isSet(tributary.getNoAuthTenant())) {
            out.add("tributary.no-auth-tenant", tributary.getNoAuthTenant(), "tributary.no-auth-tenant is empty"
                    + " but tributary.multitenancy-enabled is false: set the tenant that every write goes to");
        }
        int port = tributary.getEmbeddedKafka().getPort();
        if (port < 0 || port > 65535) {
            out.add("tributary.embedded-kafka.port", port, "tributary.embedded-kafka.port is " + port
                    + ": allowed range is 0..65535 (0 picks a free port)");
        }
        out.positive("tributary.embedded-kafka.default-partitions", tributary.getEmbeddedKafka().getDefaultPartitions());
        List<Integer> owned = tributary.getOwnedPartitions();
        for (int i = 0; i < owned.size(); i++) {
            Integer partition = owned.get(i);
            if (partition != null && partition < 0) {
                String key = "tributary.owned-partitions[" + i + "]";
                out.add(key, partition, key + " is " + partition + ": partition ids are 0 or greater");
            }
        }
        String id = tributary.getInstanceId() == null ? "" : tributary.getInstanceId();
        if (tributary.getTarget() == Target.INGESTER && owned.isEmpty() && !id.matches(".*\\d$")) {
            out.add("tributary.instance-id", id, "tributary.instance-id is '" + id + "' and tributary.owned-partitions "
                    + "is empty, so this ingester owns no partition: end the instance id with the partition number "
                    + "(ingester-zone-a-7 reads partition 7) or list the partitions in tributary.owned-partitions");
        }
    }
}
