package io.tributary.support;

import io.tributary.kafka.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The app's in-process KRaft broker with an AWS_MSK_IAM listener ({@link #iamServers()}) whose SASL server
 * ({@link MskIamSaslServer}) checks each client's SigV4 signature against the users in
 * {@link MskIamSignatureVerifier#USERS}; {@link #bootstrapServers()} stays plaintext for the test's own admin
 * work. Sessions last {@code reauth} ({@code connections.max.reauth.ms}), after which clients sign anew.
 */
public final class MskIamKafkaBroker extends EmbeddedKafkaBroker {

    private static final String HOST = "127.0.0.1";

    private final Duration reauth;
    private volatile int iamPort;

    public MskIamKafkaBroker(Path logDir, Duration reauth) {
        super(logDir, 0, 1);
        this.reauth = reauth;
        MskIamSaslServer.install(java.util.Set.of(HOST, "localhost"));
    }

    @Override
    protected Map<String, Object> brokerConfig(int brokerPort, int controllerPort) {
        Map<String, Object> props = super.brokerConfig(brokerPort, controllerPort);
        iamPort = freePort();
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort
                + ",IAM://" + HOST + ":" + iamPort);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",IAM://" + HOST + ":" + iamPort);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,IAM:SASL_PLAINTEXT");
        props.put("listener.name.iam.sasl.enabled.mechanisms", MskIamSaslServer.MECHANISM);
        // Kafka wants a login module for every enabled mechanism; the broker never logs in as an IAM client, so
        // PLAIN's (which only registers PLAIN's own server) stands in.
        props.put("listener.name.iam.aws_msk_iam.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required;");
        props.put("connections.max.reauth.ms", String.valueOf(reauth.toMillis()));
        return props;
    }

    /** The AWS_MSK_IAM listener. */
    public String iamServers() {
        return HOST + ":" + iamPort;
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
