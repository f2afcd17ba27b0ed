package io.tributary.support;

import io.tributary.kafka.EmbeddedKafkaBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The app's in-process KRaft broker, run in the test JVM, with TLS listeners next to its PLAINTEXT one, each on
 * 127.0.0.1 and advertised as such, all issued from one {@link TestPki} made for the run:
 * <ul>
 * <li>{@link Listener#TLS}: a test-CA certificate for localhost and 127.0.0.1;</li>
 * <li>{@link Listener#MTLS}: the same, and it requires a client certificate issued by the test CA;</li>
 * <li>{@link Listener#SASL_TLS}: SASL_SSL with PLAIN ({@link #PLAIN_USER}/{@link #PLAIN_PASSWORD});</li>
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

    /** The broker's TLS listeners; the name is also the Kafka listener name. */
    public enum Listener { TLS, MTLS, SASL_TLS, NAMED, UNTRUSTED }

    private final TestPki pki;
    private final TestPki.Issued ca;
    private final TestPki.Issued untrustedCa;
    private final Map<Listener, Integer> ports = new EnumMap<>(Listener.class);

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
        TestPki.Issued localhost = pki.server(ca, "localhost", List.of("localhost"), List.of("127.0.0.1"));
        Path localhostStore = pki.keyStore(localhost, "broker-localhost.p12");
        Path namedStore = pki.keyStore(pki.server(ca, NAMED_HOST, List.of(NAMED_HOST), List.of()), "broker-named.p12");
        Path untrustedStore = pki.keyStore(pki.server(untrustedCa, "localhost", List.of("localhost"),
                List.of("127.0.0.1")), "broker-untrusted.p12");
        StringBuilder listeners = new StringBuilder((String) props.get("listeners"));
        StringBuilder advertised = new StringBuilder((String) props.get("advertised.listeners"));
        StringBuilder protocols = new StringBuilder((String) props.get("listener.security.protocol.map"));
        for (Listener listener : Listener.values()) {
            int port = freeLoopbackPort();
            ports.put(listener, port);
            listeners.append(',').append(listener).append("://127.0.0.1:").append(port);
            advertised.append(',').append(listener).append("://127.0.0.1:").append(port);
            protocols.append(',').append(listener).append(':').append(listener == Listener.SASL_TLS ? "SASL_SSL" : "SSL");
            Path store = switch (listener) {
                case NAMED -> namedStore;
                case UNTRUSTED -> untrustedStore;
                default -> localhostStore;
            };
            String prefix = "listener.name." + listener.name().toLowerCase() + ".";
            props.put(prefix + "ssl.keystore.type", "PKCS12");
            props.put(prefix + "ssl.keystore.location", store.toString());
            props.put(prefix + "ssl.keystore.password", TestPki.STORE_PASSWORD);
            props.put(prefix + "ssl.key.password", TestPki.STORE_PASSWORD);
        }
        String mtls = "listener.name.mtls.";
        props.put(mtls + "ssl.client.auth", "required");
        props.put(mtls + "ssl.truststore.type", "PKCS12");
        props.put(mtls + "ssl.truststore.location", pki.trustStore(ca, "broker-trust.p12").toString());
        props.put(mtls + "ssl.truststore.password", TestPki.STORE_PASSWORD);
        String sasl = "listener.name.sasl_tls.";
        props.put(sasl + "sasl.enabled.mechanisms", "PLAIN");
        props.put(sasl + "plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " user_" + PLAIN_USER + "=\"" + PLAIN_PASSWORD + "\";");
        props.put("listeners", listeners.toString());
        props.put("advertised.listeners", advertised.toString());
        props.put("listener.security.protocol.map", protocols.toString());
        return props;
    }

    /** Picked up front like the base class's ports: KafkaRaftServer keeps its bound ports private. */
    private static int freeLoopbackPort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
