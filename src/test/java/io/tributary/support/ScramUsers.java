package io.tributary.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/** SCRAM users of a test broker, which live in the cluster metadata and so are added through the Admin API. */
public final class ScramUsers {

    private static final List<String> MECHANISMS = List.of("SCRAM-SHA-256", "SCRAM-SHA-512");

    private ScramUsers() {
    }

    /**
     * Creates {@code user} for both SCRAM mechanisms through the plaintext listener {@code adminServers}, then waits
     * until the SASL listener at {@code saslServers} accepts it with each mechanism; {@code transport} holds the
     * client settings that listener needs besides the SASL ones (at least security.protocol).
     */
    public static void create(String adminServers, String user, String password, String saslServers,
                              Map<String, Object> transport) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, adminServers))) {
            // One mechanism per request: Kafka refuses to alter one user twice in a request.
            for (ScramMechanism mechanism : List.of(ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_512)) {
                admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                        new ScramCredentialInfo(mechanism, 4096), password))).all().get(30, TimeUnit.SECONDS);
            }
        }
        // The controller acknowledges before the broker has applied the credentials; log in until it has.
        for (String mechanism : MECHANISMS) {
            Map<String, Object> props = new HashMap<>(transport);
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, saslServers);
            props.put("sasl.mechanism", mechanism);
            props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                    + user + "\" password=\"" + password + "\";");
            awaitLogin(props);
        }
    }

    private static void awaitLogin(Map<String, Object> props) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Admin admin = Admin.create(props)) {
                admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the broker did not accept " + props.get("sasl.mechanism") + " in 30 s", e);
                }
                Thread.sleep(100);
            }
        }
    }
}
