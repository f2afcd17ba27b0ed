package io.tributary.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.kafka.KafkaBootstrap;
import io.tributary.kafka.KafkaClientProperties;
import io.tributary.support.ConsoleAdmin;
import io.tributary.support.TestApplicationProperties;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The verification checks against the real embedded KRaft broker: green on a healthy instance (blocks included,
 * with 10 s block ranges), a too-small {@code max.message.bytes} failing with the kafka-configs.sh fix that the
 * console's button then applies, and the {@code verify} command in a JVM of its own: exit 1 with the fix for a topic
 * created too small, exit 0 with the instance's process checks via {@code --url}, and a fast exit 1 naming
 * {@code ingest-storage.kafka.address} against a dead one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ingest-storage.kafka.auto-create-topic-default-partitions=2",
        "blocks-storage.tsdb.block-ranges-period=10s",
        "blocks-storage.tsdb.retention-period=48h",
})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class VerificationChecksIT {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void isolate(DynamicPropertyRegistry registry) {
        TestApplicationProperties.isolate(VerificationChecksIT.class, registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    KafkaBootstrap bootstrap;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private String topic() {
        return VerificationChecksIT.class.getSimpleName().toLowerCase();
    }

    @Test
    @Order(1)
    void every_check_passes_on_a_healthy_instance_and_blocks_appear_within_a_range() throws Exception {
        awaitReady();
        JsonNode run = checks("/actuator/checks");

        Map<String, String> statuses = statuses(run);
        assertThat(statuses).as(run.toPrettyString()).containsOnlyKeys("kafka-connection", "topic-exists",
                "topic-partitions", "replication-factor", "max-message-bytes", "topic-retention", "produce-canary",
                "partition-consumers", "end-to-end-canary", "blocks-uploaded");
        statuses.forEach((id, status) -> assertThat(status).as(id + ": " + run.toPrettyString())
                .isEqualTo(id.equals("blocks-uploaded") ? status : "PASS"));
        assertThat(statuses.get("blocks-uploaded")).isIn("PASS", "SKIPPED");
        assertThat(evidence(run, "partition-consumers")).contains("CURRENT-OFFSET", "LOG-END-OFFSET", "LAG");
        assertThat(evidence(run, "end-to-end-canary")).contains("tributary_verify_canary", "__tributary_canary__");

        // The canary sample lands in a 10 s window; once that window is cut and uploaded, the block check passes.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(checks("/actuator/checks/blocks-uploaded").path("checks").path(0).path("status").asString())
                        .isEqualTo("PASS"));
    }

    @Test
    @Order(2)
    void a_too_small_max_message_bytes_fails_with_the_command_and_the_console_button_fixes_it() throws Exception {
        setTopicMaxMessageBytes(topic(), "1048588");

        JsonNode failing = checks("/actuator/checks/max-message-bytes").path("checks").path(0);
        assertThat(failing.path("status").asString()).isEqualTo("FAIL");
        assertThat(failing.path("evidence").asString()).contains("max.message.bytes=1048588",
                "producer-max-record-size-bytes=15983616");
        assertThat(failing.path("fix").asString()).startsWith("kafka-configs.sh --bootstrap-server " + bootstrap.admin()
                + " --alter --entity-type topics --entity-name " + topic() + " --add-config max.message.bytes=16000000");
        assertThat(failing.path("fixApplicable").asBoolean()).isTrue();

        String session = logIn();
        HttpResponse<String> page = get("/console/checks", session);
        Matcher csrf = CSRF_FIELD.matcher(page.body());
        assertThat(csrf.find()).as(page.body()).isTrue();
        HttpResponse<String> fixed = post("/console/checks/max-message-bytes/fix", session,
                "confirm=yes&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
        assertThat(fixed.statusCode()).isEqualTo(302);
        String location = fixed.headers().firstValue("Location").orElseThrow();

        HttpResponse<String> after = get(URI.create(location).getRawPath() + "?" + URI.create(location).getRawQuery(), session);
        assertThat(after.body()).contains("Applied: set max.message.bytes=16000000 on topic " + topic());
        assertThat(after.body()).containsPattern("(?s)status-pass\">PASS</span>.*max-message-bytes");
        assertThat(topicMaxMessageBytes(topic())).isEqualTo("16000000");
        assertThat(checks("/actuator/checks/max-message-bytes").path("checks").path(0).path("status").asString())
                .isEqualTo("PASS");
    }

    @Test
    @Order(3)
    void the_verify_command_exits_1_with_the_fix_for_a_topic_created_too_small() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("created-too-small", 1, (short) 1)
                    .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1048588")))).all().get(30, TimeUnit.SECONDS);
        }
        Command verify = Command.run("--ingest-storage.kafka.address=" + bootstrap.admin(),
                "--ingest-storage.kafka.topic=created-too-small");

        assertThat(verify.exitCode()).as(verify.output()).isEqualTo(1);
        assertThat(verify.output()).containsPattern("FAIL +max-message-bytes")
                .contains("kafka-configs.sh --bootstrap-server " + bootstrap.admin() + " --alter --entity-type topics "
                        + "--entity-name created-too-small --add-config max.message.bytes=16000000")
                .containsPattern("PASS +produce-canary").containsPattern("SKIPPED +partition-consumers");
    }

    @Test
    @Order(4)
    void the_verify_command_exits_0_when_the_instance_at_url_passes_its_process_checks() throws Exception {
        Command verify = Command.run("--ingest-storage.kafka.address=" + bootstrap.admin(),
                "--ingest-storage.kafka.topic=" + topic(), "--url=http://127.0.0.1:" + port,
                "--tributary.console.password=" + ConsoleAdmin.PASSWORD);

        assertThat(verify.exitCode()).as(verify.output()).isEqualTo(0);
        assertThat(verify.output()).containsPattern("PASS +partition-consumers").containsPattern("PASS +end-to-end-canary")
                .doesNotContain(ConsoleAdmin.PASSWORD);
    }

    @Test
    @Order(5)
    void the_verify_command_fails_within_seconds_against_a_dead_address_naming_the_setting() throws Exception {
        long started = System.nanoTime();
        Command verify = Command.run("--ingest-storage.kafka.address=127.0.0.1:" + closedPort());

        assertThat(verify.exitCode()).as(verify.output()).isEqualTo(1);
        assertThat(verify.output()).containsPattern("FAIL +kafka-connection").contains("ingest-storage.kafka.address");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }

    private void awaitReady() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private JsonNode checks(String path) throws Exception {
        HttpResponse<String> response = ConsoleAdmin.get(port, path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Map<String, String> statuses(JsonNode run) {
        Map<String, String> statuses = new java.util.LinkedHashMap<>();
        run.path("checks").forEach(c -> statuses.put(c.path("id").asString(), c.path("status").asString()));
        return statuses;
    }

    private static String evidence(JsonNode run, String id) {
        for (JsonNode c : run.path("checks")) {
            if (c.path("id").asString().equals(id)) {
                return c.path("evidence").asString();
            }
        }
        return "";
    }

    private Admin admin() {
        return Admin.create(KafkaClientProperties.admin(new io.tributary.config.KafkaSettings(), bootstrap.admin()));
    }

    private void setTopicMaxMessageBytes(String topic, String value) throws Exception {
        try (Admin admin = admin()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, value), AlterConfigOp.OpType.SET))))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    private String topicMaxMessageBytes(String topic) throws Exception {
        try (Admin admin = admin()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return admin.describeConfigs(Set.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                    .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value();
        }
    }

    /** Logs in to the console as the admin by the login form, as a browser does; returns the session cookie. */
    private String logIn() throws Exception {
        HttpResponse<String> loginPage = get("/login", null);
        Matcher csrf = CSRF_FIELD.matcher(loginPage.body());
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> loggedIn = post("/login", sessionCookie(loginPage).orElseThrow(), "username="
                + ConsoleAdmin.USERNAME + "&password=" + URLEncoder.encode(ConsoleAdmin.PASSWORD, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
        assertThat(loggedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console"));
        return sessionCookie(loggedIn).orElseThrow();
    }

    private HttpResponse<String> get(String path, String session) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (session != null) {
            request.header("Cookie", session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String session, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", session)
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<String> sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst();
    }

    private static int closedPort() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** {@code java ... io.tributary.Application verify <args>} in a JVM of its own: its exit code and output. */
    record Command(int exitCode, String output) {
        static Command run(String... args) throws Exception {
            Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target/it-data")), "verify-cli-");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.tributary.Application",
                    "verify", "--tributary.data-dir=" + dataDir));
            command.addAll(List.of(args));
            Path log = dataDir.resolve("verify.log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("verify did not exit within 120 s: " + Files.readString(log));
            }
            return new Command(process.exitValue(), Files.readString(log));
        }
    }
}
