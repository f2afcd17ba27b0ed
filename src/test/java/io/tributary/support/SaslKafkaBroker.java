package io.tributary.support;

import io.tributary.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * The app's in-process KRaft broker with SASL listeners, for authentication tests:
 * <ul>
 * <li>{@link #saslServers()}: SASL_PLAINTEXT with PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 and OAUTHBEARER, the last
 * checked by {@link HmacJwtValidatorCallbackHandler} (signature, expiry, revocation);</li>
 * <li>{@link #plainOnlyServers()}: SASL_PLAINTEXT offering PLAIN alone, for "mechanism not enabled";</li>
 * <li>{@link #bootstrapServers()}: the plaintext listener, for the test's own admin work.</li>
 * </ul>
 * Sessions last {@code reauth}: {@code connections.max.reauth.ms} makes clients re-authenticate (KIP-368) that
 * often, which is when file and socket credentials are read again.
 */
public final class SaslKafkaBroker extends EmbeddedKafkaBroker {

    public static final String PLAIN_USER = "ingest-plain";
    public static final String PLAIN_PASSWORD = "plain-Pa55word-4f2a9c";
    public static final String SCRAM_USER = "ingest-scram";
    public static final String SCRAM_PASSWORD = "scram-Pa55word-8e1d77";

    private static final String HOST = "127.0.0.1";

    private final Duration reauth;
    private volatile int saslPort;
    private volatile int plainOnlyPort;

    public SaslKafkaBroker(Path logDir, Duration reauth) {
        super(logDir, 0, 1);
        this.reauth = reauth;
    }

    @Override
    protected Map<String, Object> brokerConfig(int brokerPort, int controllerPort) {
        Map<String, Object> props = super.brokerConfig(brokerPort, controllerPort);
        saslPort = freePort();
        plainOnlyPort = freePort();
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort
                + ",SASL_PLAINTEXT://" + HOST + ":" + saslPort + ",PLAIN_ONLY://" + HOST + ":" + plainOnlyPort);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",SASL_PLAINTEXT://" + HOST + ":"
                + saslPort + ",PLAIN_ONLY://" + HOST + ":" + plainOnlyPort);
        props.put("listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,PLAIN_ONLY:SASL_PLAINTEXT");
        String plainJaas = "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + PLAIN_USER + "=\""
                + PLAIN_PASSWORD + "\";";
        String sasl = "listener.name.sasl_plaintext.";
        props.put(sasl + "sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-256,SCRAM-SHA-512,OAUTHBEARER");
        props.put(sasl + "plain.sasl.jaas.config", plainJaas);
        props.put(sasl + "scram-sha-256.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        props.put(sasl + "scram-sha-512.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        // The broker's own OAUTHBEARER login is never used (no inter-broker OAUTHBEARER); the unsecured default
        // handler only needs a subject to log in with.
        props.put(sasl + "oauthbearer.sasl.jaas.config",
                "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required unsecuredLoginStringClaim_sub=\"broker\";");
        props.put(sasl + "oauthbearer.sasl.server.callback.handler.class", HmacJwtValidatorCallbackHandler.class.getName());
        props.put("listener.name.plain_only.sasl.enabled.mechanisms", "PLAIN");
        props.put("listener.name.plain_only.plain.sasl.jaas.config", plainJaas);
        props.put("connections.max.reauth.ms", String.valueOf(reauth.toMillis()));
        return props;
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The listener with every mechanism. */
    public String saslServers() {
        return HOST + ":" + saslPort;
    }

    /** A listener that offers PLAIN only. */
    public String plainOnlyServers() {
        return HOST + ":" + plainOnlyPort;
    }

    /** Creates {@link #SCRAM_USER} for both SCRAM mechanisms and waits until the SASL listener accepts it. */
    public void createScramUser() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            // One mechanism per request: Kafka refuses to alter one user twice in a request.
            for (ScramMechanism mechanism : List.of(ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_512)) {
                admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(SCRAM_USER,
                        new ScramCredentialInfo(mechanism, 4096), SCRAM_PASSWORD))).all().get(30, TimeUnit.SECONDS);
            }
        }
        // The controller acknowledges before the broker has applied the credentials; log in until it has.
        for (String mechanism : List.of("SCRAM-SHA-256", "SCRAM-SHA-512")) {
            awaitLogin(Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", mechanism, "sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + SCRAM_USER
                            + "\" password=\"" + SCRAM_PASSWORD + "\";"));
        }
    }

    private void awaitLogin(Map<String, Object> security) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Map<String, Object> props = new java.util.HashMap<>(security);
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, saslServers());
            try (Admin admin = Admin.create(props)) {
                admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the broker did not accept " + security.get("sasl.mechanism") + " in 30 s", e);
                }
                Thread.sleep(100);
            }
        }
    }
}
