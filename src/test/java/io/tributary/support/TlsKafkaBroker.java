package io.tributary.support;

import io.tributary.kafka.EmbeddedKafkaBroker;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The app's in-process KRaft broker, run in the test JVM, with TLS listeners next to its PLAINTEXT one, each on
 * 127.0.0.1 and advertised as such, all issued from one {@link TestPki} made for the run:
 * <ul>
 * <li>{@link Listener#TLS}: a test-CA certificate for localhost and 127.0.0.1;</li>
 * <li>{@link Listener#MTLS}: the same, and it requires a client certificate issued by the test CA;</li>
 * <li>{@link Listener#SASL_TLS}: SASL_SSL with every mechanism Tributary supports: PLAIN
 * ({@link #PLAIN_USER}/{@link #PLAIN_PASSWORD}), SCRAM-SHA-256 and SCRAM-SHA-512 ({@link #SCRAM_USER}, once
 * {@link #createScramUser()} has run), OAUTHBEARER checked by {@link HmacJwtValidatorCallbackHandler} and
 * AWS_MSK_IAM checked by {@link MskIamSaslServer};</li>
 * <li>{@link Listener#SASL_MTLS}: the same mechanisms, and it also requires a client certificate issued by the
 * test CA, so a client must pass both;</li>
 * <li>{@link Listener#NAMED}: a test-CA certificate for {@link #NAMED_HOST} only, so dialling 127.0.0.1 needs
 * tls-server-name;</li>
 * <li>{@link Listener#UNTRUSTED}: a localhost certificate from a CA nobody trusts.</li>
 * </ul>
 */
public final class TlsKafkaBroker extends EmbeddedKafkaBroker {

    /** The only name on the {@link Listener#NAMED} listener's certificate. */
    public static final String NAMED_HOST = "kafka.test";
    public static final String PLAIN_USER = "tributary-writer";
    public static final String PLAIN_PASSWORD = "writer-secret-for-tests";
    public static final String SCRAM_USER = "tributary-scram-writer";
    public static final String SCRAM_PASSWORD = "scram-writer-secret-for-tests";

    /** The broker's TLS listeners; the name is also the Kafka listener name. */
    public enum Listener { TLS, MTLS, SASL_TLS, SASL_MTLS, NAMED, UNTRUSTED }

    private static final Set<Listener> SASL = EnumSet.of(Listener.SASL_TLS, Listener.SASL_MTLS);
    private static final Set<Listener> CLIENT_CERTIFICATE_REQUIRED = EnumSet.of(Listener.MTLS, Listener.SASL_MTLS);

    private final TestPki pki;
    private final TestPki.Issued ca;
    private final TestPki.Issued untrustedCa;
    private final Map<Listener, Integer> ports = new EnumMap<>(Listener.class);
    private volatile Path trustStore;

    /** Issues the CAs and broker certificates under {@code pkiDir}; the broker keeps its log in {@code logDir}. */
    public TlsKafkaBroker(Path logDir, Path pkiDir) {
        super(logDir, 0, 1);
        this.pki = new TestPki(pkiDir);
        this.ca = pki.ca("Tributary Test CA");
        this.untrustedCa = pki.ca("Untrusted Test CA");
    }

    /** The PKI the broker's certificates come from, to issue client certificates and write PEM files. */
    public TestPki pki() {
        return pki;
    }

    /** The CA that issued the certificates of every listener but {@link Listener#UNTRUSTED}. */
    public TestPki.Issued ca() {
        return ca;
    }

    /** The CA nobody trusts. */
    public TestPki.Issued untrustedCa() {
        return untrustedCa;
    }

    /** "127.0.0.1:PORT" of one TLS listener. */
    public String address(Listener listener) {
        Integer port = ports.get(listener);
        if (port == null) {
            throw new IllegalStateException("the broker has not started");
        }
        return "127.0.0.1:" + port;
    }

    @Override
    protected Map<String, Object> brokerConfig(int brokerPort, int controllerPort) {
        Map<String, Object> props = super.brokerConfig(brokerPort, controllerPort);
        Path localhostStore = pki.keyStore(pki.server(ca, "localhost", List.of("localhost"), List.of("127.0.0.1")),
                "broker-localhost.p12");
        Path namedStore = pki.keyStore(pki.server(ca, NAMED_HOST, List.of(NAMED_HOST), List.of()), "broker-named.p12");
        Path untrustedStore = pki.keyStore(pki.server(untrustedCa, "localhost", List.of("localhost"),
                List.of("127.0.0.1")), "broker-untrusted.p12");
        trustStore = pki.trustStore(ca, "broker-trust.p12");
        StringBuilder listeners = new StringBuilder((String) props.get("listeners"));
        StringBuilder advertised = new StringBuilder((String) props.get("advertised.listeners"));
        StringBuilder protocols = new StringBuilder((String) props.get("listener.security.protocol.map"));
        for (Listener listener : Listener.values()) {
            int port = LoopbackPorts.free();
            ports.put(listener, port);
            listeners.append(',').append(listener).append("://127.0.0.1:").append(port);
            advertised.append(',').append(listener).append("://127.0.0.1:").append(port);
            protocols.append(',').append(listener).append(':').append(SASL.contains(listener) ? "SASL_SSL" : "SSL");
            secure(props, listener, switch (listener) {
                case NAMED -> namedStore;
                case UNTRUSTED -> untrustedStore;
                default -> localhostStore;
            });
        }
        props.put("listeners", listeners.toString());
        props.put("advertised.listeners", advertised.toString());
        props.put("listener.security.protocol.map", protocols.toString());
        return props;
    }

    /** The listener's certificate, and the client certificate and SASL mechanisms it asks for, if any. */
    private void secure(Map<String, Object> props, Listener listener, Path keyStore) {
        String prefix = "listener.name." + listener.name().toLowerCase() + ".";
        props.put(prefix + "ssl.keystore.type", "PKCS12");
        props.put(prefix + "ssl.keystore.location", keyStore.toString());
        props.put(prefix + "ssl.keystore.password", TestPki.STORE_PASSWORD);
        props.put(prefix + "ssl.key.password", TestPki.STORE_PASSWORD);
        if (CLIENT_CERTIFICATE_REQUIRED.contains(listener)) {
            props.put(prefix + "ssl.client.auth", "required");
            props.put(prefix + "ssl.truststore.type", "PKCS12");
            props.put(prefix + "ssl.truststore.location", trustStore.toString());
            props.put(prefix + "ssl.truststore.password", TestPki.STORE_PASSWORD);
        }
        if (SASL.contains(listener)) {
            SaslListenerMechanisms.on(listener.name()).plain(PLAIN_USER, PLAIN_PASSWORD).scram().oauthbearer().mskIam()
                    .into(props);
        }
    }

    /**
     * Creates {@link #SCRAM_USER} for both SCRAM mechanisms and waits until {@link Listener#SASL_TLS} accepts it;
     * the credentials are the cluster's, so {@link Listener#SASL_MTLS} accepts them too.
     */
    public void createScramUser() throws Exception {
        ScramUsers.create(bootstrapServers(), SCRAM_USER, SCRAM_PASSWORD, address(Listener.SASL_TLS), Map.of(
                "security.protocol", "SASL_SSL",
                "ssl.truststore.type", "PKCS12",
                "ssl.truststore.location", trustStore.toString(),
                "ssl.truststore.password", TestPki.STORE_PASSWORD));
    }
}
