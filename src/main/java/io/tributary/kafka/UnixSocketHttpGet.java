package io.tributary.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * One HTTP/1.1 GET over a Unix domain socket, JDK only. A credentials refresh is one small request now and then,
 * which needs neither an HTTP client library nor native code.
 * <p>
 * {@code Connection: close} lets the answer end at EOF; {@code Content-Length} and chunked bodies are honoured too.
 * A UNIX-family channel has no socket timeout, so the deadline is kept with a non-blocking channel and a selector.
 */
final class UnixSocketHttpGet {

    /** Credentials are a few KB; anything far larger is not a credentials answer. */
    private static final int MAX_RESPONSE_BYTES = 1 << 20;

    record Response(int status, String body) {
    }

    private UnixSocketHttpGet() {
    }

    static Response get(Path socket, String path, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX); Selector selector = Selector.open()) {
            // A local connect either succeeds at once or fails (no such file, nobody listening).
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.configureBlocking(false);
            ByteBuffer request = ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: credentials\r\n"
                    + "Accept: application/json\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(16_384);
            while (true) {
                long leftMs = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMs <= 0) {
                    throw new SocketTimeoutException("no answer within " + timeout.toMillis() + " ms");
                }
                if (selector.select(leftMs) == 0) {
                    continue;
                }
                selector.selectedKeys().clear();
                if (key.isWritable()) {
                    channel.write(request);
                    if (!request.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                } else if (key.isReadable()) {
                    int read = channel.read(buffer.clear());
                    if (read < 0) {
                        break;
                    }
                    raw.write(buffer.array(), 0, read);
                    if (raw.size() > MAX_RESPONSE_BYTES) {
                        throw new IOException("the answer is larger than " + MAX_RESPONSE_BYTES + " bytes");
                    }
                }
            }
            return parse(raw.toByteArray());
        }
    }

    static Response parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n");
        if (headerEnd < 0 || !text.startsWith("HTTP/1.")) {
            throw new IOException("the answer is not an HTTP/1.x response");
        }
        String[] lines = text.substring(0, headerEnd).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status;
        try {
            status = Integer.parseInt(statusLine.length > 1 ? statusLine[1] : "");
        } catch (NumberFormatException e) {
            throw new IOException("the answer has no HTTP status code");
        }
        boolean chunked = false;
        int contentLength = -1;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            } else if (name.equals("content-length")) {
                try {
                    contentLength = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new IOException("the answer has an invalid Content-Length");
                }
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, headerEnd + 4, raw.length);
        if (chunked) {
            body = dechunk(body);
        } else if (contentLength >= 0) {
            if (body.length < contentLength) {
                throw new IOException("the answer ended after " + body.length + " of " + contentLength + " body bytes");
            }
            body = java.util.Arrays.copyOf(body, contentLength);
        }
        return new Response(status, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOfCrlf(chunked, at);
            if (lineEnd < 0) {
                throw new IOException("the chunked answer is truncated");
            }
            String sizeField = new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII);
            int semicolon = sizeField.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semicolon < 0 ? sizeField : sizeField.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("the chunked answer has an invalid chunk size");
            }
            at = lineEnd + 2;
            if (size == 0) {
                return out.toByteArray();
            }
            if (at + size > chunked.length) {
                throw new IOException("the chunked answer is truncated");
            }
            out.write(chunked, at, size);
            at += size + 2;
        }
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
