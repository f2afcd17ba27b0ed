package io.tributary.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The console admin account the integration tests configure, so they can read the admin-only actuator endpoints
 * ({@code /actuator/prometheus}, {@code /actuator/env}, ...) the way an operator's scraper does: HTTP basic auth.
 */
public final class ConsoleAdmin {

    public static final String USERNAME = "admin";
    public static final String PASSWORD = "it-console-admin-7c1e";

    private ConsoleAdmin() {
    }

    /** The setting, as a command-line argument of a Tributary process. */
    public static String passwordArgument() {
        return "--tributary.console.password=" + PASSWORD;
    }

    /** The value of an {@code Authorization} header carrying the admin's credentials. */
    public static String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((USERNAME + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** GET {@code path} on the instance at {@code port} as the admin. */
    public static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", basicAuthorization()).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
