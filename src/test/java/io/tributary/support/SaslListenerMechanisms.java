package io.tributary.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The broker-side settings that enable SASL mechanisms on one listener of a test broker, so the SASL_PLAINTEXT,
 * SASL_SSL and AWS_MSK_IAM brokers configure each mechanism the same way:
 * <ul>
 * <li>PLAIN with one user and password;</li>
 * <li>SCRAM-SHA-256 and SCRAM-SHA-512, whose users live in the cluster metadata ({@link ScramUsers});</li>
 * <li>OAUTHBEARER checked by {@link HmacJwtValidatorCallbackHandler} (signature, expiry, revocation);</li>
 * <li>AWS_MSK_IAM checked by {@link MskIamSaslServer} against {@link MskIamSignatureVerifier#USERS}.</li>
 * </ul>
 */
public final class SaslListenerMechanisms {

    /** The names a client dialling 127.0.0.1 may sign as the broker's host: it signs what it resolves, "localhost". */
    private static final Set<String> LOOPBACK_NAMES = Set.of(LoopbackPorts.HOST, "localhost");

    private final String prefix;
    private final List<String> enabled = new ArrayList<>();
    private final Map<String, Object> props = new LinkedHashMap<>();

    private SaslListenerMechanisms(String listenerName) {
        this.prefix = "listener.name." + listenerName.toLowerCase() + ".";
    }

    /** Mechanisms for the listener called {@code listenerName} (any case). */
    public static SaslListenerMechanisms on(String listenerName) {
        return new SaslListenerMechanisms(listenerName);
    }

    public SaslListenerMechanisms plain(String user, String password) {
        return enable("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + user + "=\""
                + password + "\";");
    }

    /** Both SCRAM mechanisms; the broker knows no users until {@link ScramUsers#create} adds them. */
    public SaslListenerMechanisms scram() {
        enable("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        return enable("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    }

    public SaslListenerMechanisms oauthbearer() {
        // The broker's own OAUTHBEARER login is never used (no inter-broker OAUTHBEARER); the unsecured default
        // handler only needs a subject to log in with.
        enable("OAUTHBEARER", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required"
                + " unsecuredLoginStringClaim_sub=\"broker\";");
        props.put(prefix + "oauthbearer.sasl.server.callback.handler.class", HmacJwtValidatorCallbackHandler.class.getName());
        return this;
    }

    /** Registers the test SASL server with the JVM: Kafka ships none for AWS_MSK_IAM. */
    public SaslListenerMechanisms mskIam() {
        MskIamSaslServer.install(LOOPBACK_NAMES);
        // Kafka wants a login module for every enabled mechanism; the broker never logs in as an IAM client, so
        // PLAIN's (which only registers PLAIN's own server) stands in.
        return enable(MskIamSaslServer.MECHANISM, "org.apache.kafka.common.security.plain.PlainLoginModule required;");
    }

    /** Adds these settings to a broker's configuration. */
    public void into(Map<String, Object> brokerConfig) {
        brokerConfig.putAll(props);
        brokerConfig.put(prefix + "sasl.enabled.mechanisms", String.join(",", enabled));
    }

    private SaslListenerMechanisms enable(String mechanism, String jaas) {
        enabled.add(mechanism);
        props.put(prefix + mechanism.toLowerCase() + ".sasl.jaas.config", jaas);
        return this;
    }
}
