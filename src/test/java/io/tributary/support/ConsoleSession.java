package io.tributary.support;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * A browser-like session with the console over real HTTP: logs in through the form (session cookie and CSRF
 * token included), then GETs pages and POSTs forms the way a person's browser would, without following redirects.
 */
public final class ConsoleSession {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final int port;
    private String cookie;

    private ConsoleSession(int port) {
        this.port = port;
    }

    /** Logs in as {@link ConsoleAdmin} and returns the session. */
    public static ConsoleSession logIn(int port) throws Exception {
        ConsoleSession session = new ConsoleSession(port);
        HttpResponse<String> loginPage = session.get("/login");
        session.remember(loginPage);
        HttpResponse<String> loggedIn = session.post("/login", tokenOf(loginPage.body()),
                Map.of("username", ConsoleAdmin.USERNAME, "password", ConsoleAdmin.PASSWORD));
        assertThat(loggedIn.headers().firstValue("Location")).as("logged in").hasValueSatisfying(
                l -> assertThat(l).endsWith("/console"));
        session.remember(loggedIn);
        return session;
    }

    public HttpResponse<String> get(String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "text/html")
                .timeout(Duration.ofSeconds(60));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a form from the page at {@code formPage}, with that page's CSRF token. */
    public HttpResponse<String> submit(String formPage, String action, Map<String, String> fields) throws Exception {
        HttpResponse<String> page = get(formPage);
        assertThat(page.statusCode()).as(formPage).isEqualTo(200);
        return post(action, tokenOf(page.body()), fields);
    }

    private HttpResponse<String> post(String path, String csrfToken, Map<String, String> fields) throws Exception {
        StringJoiner form = new StringJoiner("&");
        fields.forEach((k, v) -> form.add(encode(k) + "=" + encode(v)));
        form.add("_csrf=" + encode(csrfToken));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void remember(HttpResponse<String> response) {
        response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().ifPresent(c -> cookie = c.substring(0, c.indexOf(';')));
    }

    private static String tokenOf(String page) {
        Matcher m = CSRF_FIELD.matcher(page);
        assertThat(m.find()).as("a CSRF token on the page").isTrue();
        return m.group(1);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
