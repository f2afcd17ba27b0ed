package io.tributary.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link ConsoleAdmin} logged in to the console as a browser is, with the login form: a session cookie, and the
 * CSRF token taken from a page before each POST. No redirects are followed, so tests see them.
 */
public final class ConsoleSession {
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final int port;
    private String cookie;

    private ConsoleSession(int port) {
        this.port = port;
    }

    /** Logs in on the instance at {@code port}. */
    public static ConsoleSession logIn(int port) throws Exception {
        ConsoleSession session = new ConsoleSession(port);
        HttpResponse<String> form = session.get("/login");
        session.cookie = cookieOf(form);
        HttpResponse<String> loggedIn = session.post("/login", csrfOf(form.body()),
                Map.of("username", ConsoleAdmin.USERNAME, "password", ConsoleAdmin.PASSWORD));
        assertThat(loggedIn.headers().firstValue("Location")).as("login answer").hasValueSatisfying(
                location -> assertThat(location).endsWith("/console"));
        session.cookie = cookieOf(loggedIn);
        return session;
    }

    public HttpResponse<String> get(String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts the form fields to {@code path} with the CSRF token of the page at {@code formPage}. */
    public HttpResponse<String> submit(String formPage, String path, Map<String, String> fields) throws Exception {
        HttpResponse<String> page = get(formPage);
        assertThat(page.statusCode()).as(formPage).isEqualTo(200);
        return post(path, csrfOf(page.body()), fields);
    }

    private HttpResponse<String> post(String path, String csrf, Map<String, String> fields) throws Exception {
        StringJoiner form = new StringJoiner("&");
        form.add("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
        fields.forEach((k, v) -> form.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String csrfOf(String page) {
        Matcher csrf = CSRF_FIELD.matcher(page);
        assertThat(csrf.find()).as("a CSRF field in the page").isTrue();
        return csrf.group(1);
    }

    private static String cookieOf(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
    }
}
