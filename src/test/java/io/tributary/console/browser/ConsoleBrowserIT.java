package io.tributary.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.support.ConsoleAdmin;
import io.tributary.support.HeadlessChromium;
import io.tributary.support.InProcessTributary;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in headless Chromium against the running application with its embedded broker, as an operator uses
 * it: log in, edit settings, test, apply, roll back. The steps build on each other, so they run in order on one
 * browser session; each leaves a screenshot in {@code target/screenshots/}.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static InProcessTributary app;
    private static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        app = InProcessTributary.withEmbeddedBroker("ConsoleBrowserIT", "console-browser");
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
    void aWrongPasswordIsRefusedAndTheRightOneOpensTheConsole() {
        browser.open("/console");
        assertThat(browser.path()).isEqualTo("/login");
        browser.logIn("Tr0ub4dor&3");
        assertThat(browser.path()).isEqualTo("/login?error");
        assertThat(browser.find("body").getText()).containsIgnoringCase("wrong");
        browser.screenshot("01-login-refused");

        browser.logIn(ConsoleAdmin.PASSWORD);
        assertThat(browser.path()).startsWith("/console");
        assertThat(browser.find("main").getText()).contains("console-browser", "embedded broker");
        browser.screenshot("02-home");
    }

    @Test
    @Order(2)
    void anInvalidValueIsShownAtItsField() {
        browser.open("/console/settings");
        assertThat(browser.find("#field-ingest-storage_kafka_address").getText()).contains("the embedded broker at 127.0.0.1:");
        browser.type("#ingest-storage_kafka_dial-timeout", "soon");
        browser.clickAndLoad("#test-button");

        assertThat(browser.find("#invalid").isDisplayed()).isTrue();
        assertThat(browser.find("#field-ingest-storage_kafka_dial-timeout .errors").getText())
                .contains("ingest-storage.kafka.dial-timeout", "soon");
        assertThat(browser.find("#ingest-storage_kafka_dial-timeout").getAttribute("value")).isEqualTo("soon");
        browser.screenshot("03-settings-invalid-value");
    }

    @Test
    @Order(3)
    void theAuthenticationFormShowsTheFieldsOfTheChosenMechanism() {
        browser.open("/console/settings");
        assertThat(browser.find("#field-ingest-storage_kafka_sasl-username").isDisplayed()).isTrue();
        assertThat(browser.find("#field-ingest-storage_kafka_sasl-oauthbearer-file-path").isDisplayed()).isFalse();

        new Select(browser.find("#ingest-storage_kafka_sasl-mechanism")).selectByVisibleText("OAUTHBEARER");
        assertThat(browser.find("#field-ingest-storage_kafka_sasl-username").isDisplayed()).isFalse();
        assertThat(browser.find("#field-ingest-storage_kafka_sasl-oauthbearer-file-path").isDisplayed()).isTrue();
        assertThat(browser.find("#field-ingest-storage_kafka_sasl-oauthbearer-http-socket-path").isDisplayed()).isTrue();
        assertThat(browser.find("#field-ingest-storage_kafka_sasl-msk-iam-access-key").isDisplayed()).isFalse();
        browser.screenshot("04-settings-oauthbearer-fields");
    }

    @Test
    @Order(4)
    void theConnectionTestFailsAgainstADeadAddressAndPassesAgainstTheBroker() {
        browser.open("/console/settings");
        browser.type("#ingest-storage_kafka_address", "127.0.0.1:1");
        browser.clickAndLoad("#test-button");
        browser.await("#test-failed", Duration.ofSeconds(30));
        assertThat(browser.find("#test-steps").getText()).contains("failed", "no broker answered at 127.0.0.1:1",
                "ingest-storage.kafka.address");
        assertThat(browser.exists("#apply-button")).isFalse();
        browser.screenshot("05-test-connection-failed");

        browser.open("/console/settings");
        browser.type("#ingest-storage_kafka_client-id", "tributary-browser-1");
        browser.clickAndLoad("#test-button");
        browser.await("#test-passed", Duration.ofSeconds(30));
        assertThat(browser.find("#changes").getText()).contains("ingest-storage.kafka.client-id", "tributary-browser-1");
        browser.screenshot("06-test-connection-passed");
    }

    @Test
    @Order(5)
    void applyingKeepsTheProducerWorkingAndARollbackRestoresTheEarlierVersion() {
        browser.clickAndLoad("#apply-button");
        assertThat(browser.find("#message").getText()).contains("Saved version 1", "ingest-storage.kafka.client-id");
        browser.screenshot("07-applied");
        app.pushAndReadBack("team-browser", "after_first_apply");

        browser.open("/console/settings");
        browser.type("#ingest-storage_kafka_client-id", "tributary-browser-2");
        browser.clickAndLoad("#test-button");
        browser.await("#test-passed", Duration.ofSeconds(30)).isDisplayed();
        browser.clickAndLoad("#apply-button");
        assertThat(browser.find("#message").getText()).contains("Saved version 2");
        app.pushAndReadBack("team-browser", "after_second_apply");

        browser.open("/console/settings/history");
        assertThat(browser.find("#version-2").getText()).contains("tributary-browser-1", "tributary-browser-2");
        browser.screenshot("08-history");
        browser.clickAndLoad("#rollback-1");
        browser.await("#test-passed", Duration.ofSeconds(30));
        assertThat(browser.find("main").getText()).contains("rollback to version 1");
        browser.clickAndLoad("#apply-button");
        assertThat(browser.find("#message").getText()).contains("Saved version 3");
        assertThat(browser.find("#ingest-storage_kafka_client-id").getAttribute("value")).isEqualTo("tributary-browser-1");
        app.pushAndReadBack("team-browser", "after_rollback");
        browser.screenshot("09-rolled-back");
    }
}
