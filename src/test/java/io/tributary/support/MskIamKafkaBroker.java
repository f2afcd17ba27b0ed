package io.tributary.support;

import io.tributary.kafka.EmbeddedKafkaBroker;
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

    private static final String HOST = LoopbackPorts.HOST;

    private final Duration reauth;
    private volatile int iamPort;

    public MskIamKafkaBroker(Path logDir, Duration reauth) {
        super(logDir, 0, 1);
        this.reauth = reauth;
    }

    @Override
    protected Map<String, Object> brokerConfig(int brokerPort, int controllerPort) {
        Map<String, Object> props = super.brokerConfig(brokerPort, controllerPort);
        iamPort = LoopbackPorts.free();
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort
                + ",IAM://" + HOST + ":" + iamPort);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",IAM://" + HOST + ":" + iamPort);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,IAM:SASL_PLAINTEXT");
        SaslListenerMechanisms.on("IAM").mskIam().into(props);
        props.put("connections.max.reauth.ms", String.valueOf(reauth.toMillis()));
        return props;
    }

    /** The AWS_MSK_IAM listener. */
    public String iamServers() {
        return HOST + ":" + iamPort;
    }
}
