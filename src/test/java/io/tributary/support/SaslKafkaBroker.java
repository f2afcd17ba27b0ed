package io.tributary.support;

import io.tributary.kafka.EmbeddedKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

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

    private static final String HOST = LoopbackPorts.HOST;

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
        saslPort = LoopbackPorts.free();
        plainOnlyPort = LoopbackPorts.free();
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort
                + ",SASL_PLAINTEXT://" + HOST + ":" + saslPort + ",PLAIN_ONLY://" + HOST + ":" + plainOnlyPort);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",SASL_PLAINTEXT://" + HOST + ":"
                + saslPort + ",PLAIN_ONLY://" + HOST + ":" + plainOnlyPort);
        props.put("listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,PLAIN_ONLY:SASL_PLAINTEXT");
        SaslListenerMechanisms.on("SASL_PLAINTEXT").plain(PLAIN_USER, PLAIN_PASSWORD).scram().oauthbearer().into(props);
        SaslListenerMechanisms.on("PLAIN_ONLY").plain(PLAIN_USER, PLAIN_PASSWORD).into(props);
        props.put("connections.max.reauth.ms", String.valueOf(reauth.toMillis()));
        return props;
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
        ScramUsers.create(bootstrapServers(), SCRAM_USER, SCRAM_PASSWORD, saslServers(),
                Map.of("security.protocol", "SASL_PLAINTEXT"));
    }
}
