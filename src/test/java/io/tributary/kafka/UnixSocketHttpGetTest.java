package io.tributary.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class UnixSocketHttpGetTest {

    private Path socket;
    private ServerSocketChannel server;
    private final AtomicReference<String> request = new AtomicReference<>();

    @BeforeEach
    void bind() throws IOException {
        socket = Files.createTempDirectory("uds-get").resolve("helper.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
    }

    @AfterEach
    void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }

    /** Answers one connection with {@code raw} after {@code delayMs}, remembering the request head. */
    private void answerOnce(String raw, long delayMs) {
        CompletableFuture.runAsync(() -> {
            try (SocketChannel client = server.accept()) {
                ByteBuffer buffer = ByteBuffer.allocate(4096);
                client.read(buffer);
                request.set(new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII));
                Thread.sleep(delayMs);
                client.write(ByteBuffer.wrap(raw.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException | InterruptedException e) {
                // the test sees the client side
            }
        });
    }

    @Test
    void aContentLengthAnswerIsReadWithItsStatus() throws Exception {
        answerOnce("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 14\r\n\r\n{\"token\":\"t1\"}", 0);

        UnixSocketHttpGet.Response response = UnixSocketHttpGet.get(socket, "/", Duration.ofSeconds(2));

        assertThat(response).isEqualTo(new UnixSocketHttpGet.Response(200, "{\"token\":\"t1\"}"));
        assertThat(request.get()).startsWith("GET / HTTP/1.1\r\n").contains("Connection: close\r\n");
    }

    @Test
    void aChunkedAnswerIsReassembled() throws Exception {
        answerOnce("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n9\r\n{\"token\":\r\n5\r\n\"t2\"}\r\n0\r\n\r\n", 0);

        assertThat(UnixSocketHttpGet.get(socket, "/", Duration.ofSeconds(2)).body()).isEqualTo("{\"token\":\"t2\"}");
    }

    @Test
    void anErrorStatusIsReturnedForTheCallerToRefuse() throws Exception {
        answerOnce("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 2\r\n\r\n{}", 0);

        assertThat(UnixSocketHttpGet.get(socket, "/", Duration.ofSeconds(2)).status()).isEqualTo(500);
    }

    @Test
    void aSilentServerTimesOutAtTheDeadline() {
        answerOnce("HTTP/1.1 200 OK\r\n\r\n", 5_000);
        long start = System.nanoTime();

        assertThatThrownBy(() -> UnixSocketHttpGet.get(socket, "/", Duration.ofMillis(300)))
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aSocketNobodyListensOnFailsAtOnce() throws IOException {
        server.close();
        Files.deleteIfExists(socket);

        assertThatThrownBy(() -> UnixSocketHttpGet.get(socket, "/", Duration.ofSeconds(2))).isInstanceOf(IOException.class);
    }
}
