package io.tributary.support;

import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import javax.security.auth.callback.CallbackHandler;
import javax.security.sasl.SaslServer;
import javax.security.sasl.SaslServerFactory;
import org.apache.kafka.common.errors.SaslAuthenticationException;

/**
 * The broker side of AWS_MSK_IAM for the test broker: one client message, checked by
 * {@link MskIamSignatureVerifier#USERS} against the broker's advertised host, answered as MSK answers
 * ({@code {"version": "2020_10_22", "request-id": "..."}}) or refused with "Access denied".
 * Registered with the JVM's security providers by {@link #install(java.util.Set)}, which is how Kafka's broker
 * finds a SASL server for a mechanism it does not ship.
 */
public final class MskIamSaslServer implements SaslServer {

    public static final String MECHANISM = "AWS_MSK_IAM";

    /** Every accepted identity, in order, so tests can see re-authentication with new credentials. */
    public static final List<MskIamSignatureVerifier.Verified> ACCEPTED = new CopyOnWriteArrayList<>();

    /** Why the last refused client was refused (the broker keeps this to itself, as MSK does). */
    public static volatile String lastRefusal = "";

    private static volatile java.util.Set<String> expectedHosts = java.util.Set.of("127.0.0.1");

    private String authorizationId;

    /**
     * Adds the provider once per JVM; {@code hosts} are the names clients may sign as the broker's host (a client
     * dialling 127.0.0.1 signs the name it resolves, "localhost").
     */
    public static synchronized void install(java.util.Set<String> hosts) {
        expectedHosts = hosts;
        if (Security.getProvider(TestProvider.NAME) == null) {
            Security.addProvider(new TestProvider());
        }
    }

    @Override
    public String getMechanismName() {
        return MECHANISM;
    }

    @Override
    public byte[] evaluateResponse(byte[] response) {
        MskIamSignatureVerifier.Verified who;
        try {
            who = MskIamSignatureVerifier.USERS.verify(response, expectedHosts, Instant.now());
        } catch (RuntimeException e) {
            // What MSK tells a client; the reason stays in the broker, as it would.
            lastRefusal = e.getMessage();
            throw new SaslAuthenticationException("Access denied");
        }
        authorizationId = who.principal();
        ACCEPTED.add(who);
        return ("{\"version\":\"" + MskIamSignatureVerifier.VERSION + "\",\"request-id\":\"" + UUID.randomUUID() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean isComplete() {
        return authorizationId != null;
    }

    @Override
    public String getAuthorizationID() {
        return authorizationId;
    }

    @Override
    public byte[] unwrap(byte[] incoming, int offset, int len) {
        throw new IllegalStateException("AWS_MSK_IAM has no security layer");
    }

    @Override
    public byte[] wrap(byte[] outgoing, int offset, int len) {
        throw new IllegalStateException("AWS_MSK_IAM has no security layer");
    }

    @Override
    public Object getNegotiatedProperty(String propName) {
        return null;
    }

    @Override
    public void dispose() {
    }

    public static final class Factory implements SaslServerFactory {
        @Override
        public SaslServer createSaslServer(String mechanism, String protocol, String serverName, Map<String, ?> props,
                CallbackHandler cbh) {
            return MECHANISM.equals(mechanism) ? new MskIamSaslServer() : null;
        }

        @Override
        public String[] getMechanismNames(Map<String, ?> props) {
            return new String[] {MECHANISM};
        }
    }

    static final class TestProvider extends Provider {
        static final String NAME = "TributaryTestMskIamServer";

        TestProvider() {
            super(NAME, "1.0", "AWS_MSK_IAM SASL server for Tributary's tests");
            put("SaslServerFactory." + MECHANISM, Factory.class.getName());
        }
    }
}
