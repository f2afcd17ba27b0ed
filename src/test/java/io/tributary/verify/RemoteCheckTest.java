package io.tributary.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The verify command's view of an instance's process-level check, against a small HTTP server standing in for it. */
class RemoteCheckTest {

    private static final String PASSWORD = "it-console-admin-7c1e";

    private HttpServer instance;
    private final AtomicReference<String> authorization = new AtomicReference<>();

    private String serve(int status, String body) throws Exception {
        instance = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        instance.createContext("/actuator/checks/", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        instance.start();
        return "http://127.0.0.1:" + instance.getAddress().getPort() + "/";
    }

    @AfterEach
    void stop() {
        if (instance != null) {
            instance.stop(0);
        }
    }

    private static RemoteCheck consumers(String url) {
        return new RemoteCheck("partition-consumers", "consumers", url, "admin", PASSWORD, Duration.ofSeconds(5));
    }

    @Test
    void the_instance_answer_becomes_the_result_and_the_password_goes_only_into_the_header() throws Exception {
        String url = serve(200, "{\"number\":4,\"status\":\"FAIL\",\"checks\":[{\"id\":\"partition-consumers\","
                + "\"status\":\"FAIL\",\"evidence\":\"partition 7 is FAILING: fetch timed out\",\"fix\":\"look at the log\"}]}");

        CheckResult result = consumers(url).run();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).contains("partition 7 is FAILING", "127.0.0.1").doesNotContain(PASSWORD);
        assertThat(result.fix()).isEqualTo("look at the log");
        assertThat(authorization.get()).startsWith("Basic ");
    }

    @Test
    void refused_credentials_fail_naming_the_settings_to_pass() throws Exception {
        CheckResult result = consumers(serve(401, "")).run();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.fix()).contains("tributary.console.password").doesNotContain(PASSWORD);
    }

    @Test
    void without_a_url_the_check_is_skipped_saying_how_to_include_it() throws Exception {
        assertThat(consumers("").run().status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(consumers("").run().evidence()).contains("--url=");
    }
}
