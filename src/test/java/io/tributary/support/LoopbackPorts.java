package io.tributary.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free ports on 127.0.0.1 for a test broker's extra listeners. They are picked up front, as the base broker picks
 * its own, because KafkaRaftServer keeps the ports it bound private.
 */
public final class LoopbackPorts {

    public static final String HOST = "127.0.0.1";

    private LoopbackPorts() {
    }

    /** A port nothing listens on right now; another process could still take it before the broker binds it. */
    public static int free() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
