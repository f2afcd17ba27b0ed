package io.tributary.verify;

import java.util.Collection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

/**
 * Kafka is reachable at the configured address and accepts our credentials: a describeCluster round trip, which
 * needs a completed TLS handshake and SASL authentication before the broker answers anything.
 */
public class BrokerConnectionCheck extends DescribedCheck {

    public static final String ID = "kafka-connection";

    private final KafkaProbe kafka;

    public BrokerConnectionCheck(KafkaProbe kafka) {
        super(ID, "Kafka broker reachable and authenticated");
        this.kafka = kafka;
    }

    @Override
    public CheckResult run() throws Exception {
        String servers;
        try {
            servers = kafka.servers();
        } catch (IllegalStateException noAddress) {
            return CheckResult.fail(noAddress.getMessage(), "Set ingest-storage.kafka.address=<host:port>[,<host:port>...] "
                    + "(a flag, an environment variable INGEST_STORAGE_KAFKA_ADDRESS, or the YAML file).");
        }
        Admin admin = null;
        try {
            admin = kafka.admin();
            DescribeClusterResult cluster = admin.describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) kafka.timeout().toMillis()));
            Collection<Node> nodes = kafka.await(cluster.nodes());
            String clusterId = kafka.await(cluster.clusterId());
            return CheckResult.pass("bootstrap " + servers + (kafka.embedded() ? " (embedded evaluation broker)" : "")
                    + " answered: cluster id " + clusterId + ", " + nodes.size() + " broker(s) "
                    + nodes.stream().map(n -> n.host() + ":" + n.port()).toList()
                    + ", security " + securityOf() + ".");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return CheckResult.fail("bootstrap " + servers + ": " + kafka.explain(e),
                    "Fix the setting the evidence names, then run this check again; the settings page can test a "
                            + "candidate connection before it is applied.");
        } finally {
            KafkaProbe.close(admin);
        }
    }

    private String securityOf() {
        // Mimir's rule (ClientSecurity): PLAIN with neither username nor password means no SASL at all.
        boolean sasl = kafka.settings().getSaslMechanism() != io.tributary.config.SaslMechanism.PLAIN
                || !kafka.settings().getSaslUsername().isEmpty() || kafka.settings().getSaslPassword().isSet();
        String auth = sasl ? "SASL " + kafka.settings().getSaslMechanism().kafkaName() : "no SASL";
        return (kafka.settings().isTlsEnabled() ? "TLS" : "plaintext") + ", " + auth;
    }
}
