package io.tributary.support;

import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sends remote-write requests to a running Tributary the way a sender does: snappy block body, protobuf type. */
public final class RemoteWriteClient {

    public static final String V1_TYPE = "application/x-protobuf";
    public static final String V2_TYPE = "application/x-protobuf;proto=io.prometheus.write.v2.Request";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI url;

    public RemoteWriteClient(int port) {
        this.url = URI.create("http://127.0.0.1:" + port + "/api/v1/push");
    }

    public static byte[] snappy(byte[] raw) {
        try {
            return Snappy.compress(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pushes a protobuf message (compressed here) as tenant {@code tenant} (null = no header). */
    public HttpResponse<String> push(String tenant, String contentType, byte[] protobuf) {
        return send(tenant, contentType, "snappy", snappy(protobuf));
    }

    /** Sends exactly the given body and headers (null header values are left out). */
    public HttpResponse<String> send(String tenant, String contentType, String contentEncoding, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .header("User-Agent", "tributary-tests")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (tenant != null) {
            request.header("X-Scope-OrgID", tenant);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (contentEncoding != null) {
            request.header("Content-Encoding", contentEncoding);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
