package io.tributary.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.kafka.KafkaBootstrap;
import io.tributary.kafka.KafkaClientProperties;
import io.tributary.config.KafkaSettings;
import io.tributary.support.ConsoleAdmin;
import io.tributary.support.HeadlessChromium;
import io.tributary.support.InProcessTributary;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The checks page in headless Chromium against the running application with its embedded broker: all checks green
 * on a healthy setup; a topic whose max.message.bytes is Kafka's 1 MB default fails with the kafka-configs.sh fix,
 * and the confirmed "Apply fix" turns it green. Screenshots in {@code target/screenshots/checks-*.png}.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChecksBrowserIT {

    private static final String TOPIC = "checks-browser";

    private static InProcessTributary app;
    private static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        app = InProcessTributary.withEmbeddedBroker("ChecksBrowserIT", TOPIC);
        browser = HeadlessChromium.start(app.port());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void runAllShowsEveryCheckGreenOnAHealthySetup() {
        browser.open("/console/checks");
        browser.logIn(ConsoleAdmin.PASSWORD);
        browser.open("/console/checks");

        browser.clickAndLoad("#run-all");
        browser.await("#check-kafka-connection", Duration.ofSeconds(90));

        for (String id : List.of("kafka-connection", "topic-exists", "topic-partitions", "replication-factor",
                "max-message-bytes", "topic-retention", "produce-canary", "partition-consumers", "end-to-end-canary")) {
            assertThat(browser.find("#check-" + id + " .status").getText()).as(id + ": "
                    + browser.find("#check-" + id).getText()).isEqualTo("PASS");
        }
        // Not due before the instance has run one block range (2 h) plus grace.
        assertThat(browser.find("#check-blocks-uploaded .status").getText()).isEqualTo("SKIPPED");
        browser.screenshot("checks-01-all-green");
    }

    @Test
    @Order(2)
    void aTooSmallMaxMessageBytesFailsWithItsFixAndTheConfirmedButtonAppliesIt() throws Exception {
        try (Admin admin = Admin.create(KafkaClientProperties.admin(new KafkaSettings(),
                app.bean(KafkaBootstrap.class).admin()))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1048588"), AlterConfigOp.OpType.SET))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        browser.open("/console/checks");
        browser.clickAndLoad("#run-all");
        browser.await("#check-max-message-bytes form.fix", Duration.ofSeconds(90));

        assertThat(browser.find("#check-max-message-bytes .status").getText()).isEqualTo("FAIL");
        assertThat(browser.find("#check-max-message-bytes").getText()).contains("max.message.bytes=1048588",
                "kafka-configs.sh --bootstrap-server", "--entity-name " + TOPIC, "--add-config max.message.bytes=16000000");
        browser.screenshot("checks-02-max-message-bytes-failing");

        browser.click("#check-max-message-bytes form.fix input[name=confirm]");
        browser.clickAndLoad("#check-max-message-bytes form.fix button");
        browser.await("#check-max-message-bytes", Duration.ofSeconds(30));

        assertThat(browser.find("main").getText()).contains("Applied: set max.message.bytes=16000000 on topic " + TOPIC);
        assertThat(browser.find("#check-max-message-bytes .status").getText()).isEqualTo("PASS");
        browser.screenshot("checks-03-fix-applied");
    }
}
