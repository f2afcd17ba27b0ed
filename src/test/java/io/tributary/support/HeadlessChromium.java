package io.tributary.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Debian's headless Chromium driven through chromedriver's W3C WebDriver HTTP API, with no client library: enough
 * to open pages, fill and submit forms, read text the page's scripts wrote, and save screenshots under target/.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final JsonMapper JSON = JsonMapper.shared();

    private final HttpClient http = HttpClient.newHttpClient();
    private final Process driver;
    private final String base;
    private final String session;

    private HeadlessChromium(Process driver, String base, String session) {
        this.driver = driver;
        this.base = base;
        this.session = session;
    }

    /** True where Chromium and chromedriver are installed (Debian's chromium and chromium-driver packages). */
    public static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    public static HeadlessChromium start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    driver.destroy();
                    throw new IllegalStateException("chromedriver did not start on port " + port, notYet);
                }
            }
            Thread.sleep(100);
        }
        Map<String, Object> capabilities = Map.of("capabilities", Map.of("alwaysMatch", Map.of(
                "browserName", "chrome",
                "goog:chromeOptions", Map.of("binary", CHROMIUM.toString(), "args",
                        List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1500,1200")))));
        JsonNode created = send(http, "POST", base + "/session", capabilities);
        return new HeadlessChromium(driver, base, created.get("value").get("sessionId").asString());
    }

    private static JsonNode send(HttpClient http, String method, String url, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    private JsonNode command(String method, String path, Object body) throws Exception {
        return send(http, method, base + "/session/" + session + path, body).get("value");
    }

    public void open(String url) throws Exception {
        command("POST", "/url", Map.of("url", url));
    }

    private String element(String css) throws Exception {
        JsonNode found = command("POST", "/element", Map.of("using", "css selector", "value", css));
        JsonNode id = found.get(ELEMENT);
        if (id == null) {
            throw new IllegalStateException("no element id for " + css + " in " + found);
        }
        return id.asString();
    }

    public void type(String css, String text) throws Exception {
        command("POST", "/element/" + element(css) + "/value", Map.of("text", text));
    }

    public void click(String css) throws Exception {
        command("POST", "/element/" + element(css) + "/click", Map.of());
    }

    /** The element's rendered text, as the page's scripts left it. */
    public String text(String css) throws Exception {
        return command("GET", "/element/" + element(css) + "/text", null).asString();
    }

    public String currentUrl() throws Exception {
        return command("GET", "/url", null).asString();
    }

    /** Saves a PNG of the window under {@code file}, creating its directory. */
    public void screenshot(Path file) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(command("GET", "/screenshot", null).asString()));
    }

    @Override
    public void close() {
        try {
            send(http, "DELETE", base + "/session/" + session, null);
        } catch (Exception ignored) {
            // The driver is stopped next anyway.
        } finally {
            driver.destroy();
        }
    }
}
