package io.tributary.verify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A process-level check (consumers running, end-to-end canary, blocks uploaded) as the {@code verify} command
 * sees it: those need a running instance, so the command asks one, by {@code GET <url>/actuator/checks/<id>} with
 * the admin's credentials, and reports its answer. Without a URL the check is skipped, saying how to include it.
 */
public class RemoteCheck implements Check {

    private final String id;
    private final String title;
    private final String url;
    private final String username;
    private final String password;
    private final Duration timeout;

    /**
     * @param url      the instance's base URL, e.g. {@code http://ingester-zone-a-7:8080}, or blank
     * @param password the admin's plain password, used for HTTP basic auth and never printed
     */
    public RemoteCheck(String id, String title, String url, String username, String password, Duration timeout) {
        this.id = id;
        this.title = title;
        this.url = url == null ? "" : url.replaceAll("/+$", "");
        this.username = username;
        this.password = password;
        this.timeout = timeout;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public Duration timeout() {
        return timeout.plusSeconds(5);
    }

    @Override
    public CheckResult run() throws Exception {
        if (url.isEmpty()) {
            return CheckResult.skipped("needs a running instance: pass --url=http://<instance>:<port> (with the admin's "
                    + "--tributary.console.username/--tributary.console.password) to have that instance run it, or "
                    + "open /console/checks there");
        }
        String target = url + "/actuator/checks/" + id;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target)).timeout(timeout).GET();
        if (password != null && !password.isEmpty()) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            return CheckResult.fail("could not ask " + target + ": " + e, "Check --url: the instance must be running and "
                    + "reachable from here.");
        }
        if (response.statusCode() == 401) {
            return CheckResult.fail(target + " answered 401: the admin credentials were refused or missing.",
                    "Pass the console admin's --tributary.console.username and --tributary.console.password (plain, "
                            + "not the {bcrypt} hash).");
        }
        if (response.statusCode() != 200) {
            return CheckResult.fail(target + " answered " + response.statusCode() + ".", "Is --url a Tributary instance "
                    + "with the checks endpoint exposed (management.endpoints.web.exposure.include contains checks)?");
        }
        JsonNode check = JsonMapper.builder().build().readTree(response.body()).path("checks").path(0);
        CheckStatus status = CheckStatus.valueOf(check.path("status").asString());
        return new CheckResult(status, "from " + url + ": " + check.path("evidence").asString(),
                check.path("fix").asString());
    }
}
