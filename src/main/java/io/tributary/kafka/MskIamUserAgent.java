package io.tributary.kafka;

import java.security.Provider;
import java.security.Security;
import java.util.Map;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslClientFactory;
import javax.security.sasl.SaslException;
import software.amazon.msk.auth.iam.internals.IAMSaslClient;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts {@code sasl-msk-iam-user-agent} (or the {@code UserAgent} of a file or socket source) into the
 * AWS_MSK_IAM client message, which aws-msk-iam-auth always fills with its own library string.
 *
 * <p>How: a SASL client factory registered ahead of the library's wraps the library's SASL client and rewrites
 * the {@code user-agent} field of its first message. That field is not covered by the SigV4 signature (only the
 * presigned query and the host are), so the rewritten message verifies exactly as the original. The user agent
 * is asked of the connection's callback handler ({@link MskIamCallbackHandler}); with the AWS provider chain
 * (the library's own handler) nothing is rewritten.
 */
final class MskIamUserAgent {

    static final String MECHANISM = "AWS_MSK_IAM";
    private static final String PROVIDER = "TributaryMskIamUserAgent";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MskIamUserAgent() {
    }

    /** Asked of the callback handler after it supplied credentials: the user agent to sign in with, or "". */
    static final class Callback implements javax.security.auth.callback.Callback {
        private String userAgent = "";

        void userAgent(String value) {
            userAgent = value == null ? "" : value;
        }

        String userAgent() {
            return userAgent;
        }
    }

    /** Registers the factory once per JVM, first in line for AWS_MSK_IAM. */
    static synchronized void install() {
        if (Security.getProvider(PROVIDER) == null) {
            Security.insertProviderAt(new FactoryProvider(), 1);
        }
    }

    /** {@code message} with its user-agent field set to {@code userAgent}. */
    static byte[] withUserAgent(byte[] message, String userAgent) {
        ObjectNode json = (ObjectNode) JSON.readTree(message);
        json.put("user-agent", userAgent);
        return JSON.writeValueAsBytes(json);
    }

    private static final class FactoryProvider extends Provider {
        FactoryProvider() {
            super(PROVIDER, "1.0", "Tributary: AWS_MSK_IAM with a configured user agent");
            put("SaslClientFactory." + MECHANISM, Factory.class.getName());
        }
    }

    public static final class Factory implements SaslClientFactory {
        // The class-loader-aware factory: the library names its real mechanism after its class loader
        // (AWS_MSK_IAM.<hash>) and this one maps plain AWS_MSK_IAM onto it.
        private final SaslClientFactory library = new IAMSaslClient.ClassLoaderAwareIAMSaslClientFactory();

        @Override
        public SaslClient createSaslClient(String[] mechanisms, String authorizationId, String protocol,
                String serverName, Map<String, ?> props, CallbackHandler cbh) throws SaslException {
            SaslClient client = library.createSaslClient(mechanisms, authorizationId, protocol, serverName, props, cbh);
            return client == null ? null : new UserAgentClient(client, cbh);
        }

        @Override
        public String[] getMechanismNames(Map<String, ?> props) {
            return library.getMechanismNames(props);
        }
    }

    /** The library's client, with the first message's user agent replaced when the handler names one. */
    private static final class UserAgentClient implements SaslClient {
        private final SaslClient delegate;
        private final CallbackHandler handler;
        private boolean firstSent;

        UserAgentClient(SaslClient delegate, CallbackHandler handler) {
            this.delegate = delegate;
            this.handler = handler;
        }

        @Override
        public byte[] evaluateChallenge(byte[] challenge) throws SaslException {
            byte[] message = delegate.evaluateChallenge(challenge);
            if (firstSent || message == null || message.length == 0) {
                return message;
            }
            firstSent = true;
            Callback agent = new Callback();
            try {
                handler.handle(new javax.security.auth.callback.Callback[] {agent});
            } catch (UnsupportedCallbackException e) {
                return message; // the library's own handler: keep its user agent
            } catch (java.io.IOException e) {
                throw new SaslException("asking for the AWS_MSK_IAM user agent failed", e);
            }
            return agent.userAgent().isEmpty() ? message : withUserAgent(message, agent.userAgent());
        }

        @Override
        public String getMechanismName() {
            return delegate.getMechanismName();
        }

        @Override
        public boolean hasInitialResponse() {
            return delegate.hasInitialResponse();
        }

        @Override
        public boolean isComplete() {
            return delegate.isComplete();
        }

        @Override
        public byte[] unwrap(byte[] incoming, int offset, int len) throws SaslException {
            return delegate.unwrap(incoming, offset, len);
        }

        @Override
        public byte[] wrap(byte[] outgoing, int offset, int len) throws SaslException {
            return delegate.wrap(outgoing, offset, len);
        }

        @Override
        public Object getNegotiatedProperty(String propName) {
            return delegate.getNegotiatedProperty(propName);
        }

        @Override
        public void dispose() throws SaslException {
            delegate.dispose();
        }
    }
}
