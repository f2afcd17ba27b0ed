package io.tributary.support;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A credentials helper on a Unix domain socket, JDK only: answers every HTTP/1.1 request with the status and JSON
 * body set last, and counts the requests (one per authentication or re-authentication of a Kafka connection).
 */
public final class UnixSocketCredentialsServer implements AutoCloseable {

    private record Answer(int status, String body) {
    }

    private final Path path;
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private final AtomicReference<Answer> answer = new AtomicReference<>(new Answer(503, "{}"));
    private final AtomicInteger requests = new AtomicInteger();

    public UnixSocketCredentialsServer(Path path) throws IOException {
        this.path = path;
        Files.deleteIfExists(path);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        acceptor = new Thread(this::serve, "credentials-socket");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** From now on, answer 200 with {@code json}. */
    public void answer(String json) {
        answer.set(new Answer(200, json));
    }

    /** From now on, answer {@code status} with {@code body}. */
    public void answer(int status, String body) {
        answer.set(new Answer(status, body));
    }

    public int requests() {
        return requests.get();
    }

    public Path path() {
        return path;
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                readRequestHead(client);
                requests.incrementAndGet();
                Answer now = answer.get();
                byte[] body = now.body().getBytes(StandardCharsets.UTF_8);
                String head = "HTTP/1.1 " + now.status() + (now.status() == 200 ? " OK" : " Error") + "\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
                client.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
                client.write(ByteBuffer.wrap(body));
            } catch (IOException e) {
                // closed, or a client that went away; keep serving while open
            }
        }
    }

    private static void readRequestHead(SocketChannel client) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            buffer.clear();
            if (client.read(buffer) < 0) {
                return;
            }
            head.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII));
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(path);
    }
}
