package io.tributary.console.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.tributary.access.AccessTestApplication;
import io.tributary.config.ValidatedSettings;
import io.tributary.config.edit.FileSettingsStore;
import io.tributary.ingest.PushService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The settings editor's pages as the admin uses them, against a Kafka address where nothing listens. */
@SpringBootTest(classes = AccessTestApplication.class, properties = {
        "tributary.console.password=" + AccessTestApplication.ADMIN_PASSWORD,
        "tributary.target=distributor",
        "ingest-storage.kafka.topic=metrics-eu-west",
        "ingest-storage.kafka.sasl-mechanism=PLAIN",
        "ingest-storage.kafka.sasl-username=tributary",
        "ingest-storage.kafka.sasl-password=" + SettingsControllerTest.PASSWORD})
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class SettingsControllerTest {

    static final String PASSWORD = "pl41n-t3xt-n3v3r-sh0wn";
    private static final String DEAD_ADDRESS = "127.0.0.1:1";

    static final Path dataDir = Path.of(AccessTestApplication.freshDataDir("settings"));

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("tributary.data-dir", dataDir::toString);
    }

    /** Each test starts a context of its own, which must not find the versions an earlier test saved. */
    @AfterEach
    void forgetSavedVersions() throws IOException {
        FileSystemUtils.deleteRecursively(dataDir.resolve(FileSettingsStore.FOLDER));
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ValidatedSettings settings;

    @MockitoBean
    PushService pushService;

    private static RequestPostProcessor admin() {
        return user("admin").roles("ADMIN");
    }

    private String page(String path) throws Exception {
        return mvc.perform(get(path).with(admin())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    @Test
    void every_field_shows_its_setting_name_default_and_origin_and_values_from_a_higher_source_are_locked() throws Exception {
        String form = page("/console/settings");

        assertThat(form).contains("ingest-storage.kafka.dial-timeout", "Default: <code>2s</code>",
                "ingest-storage.kafka.sasl-oauthbearer-http-socket-path", "ingest-storage.kafka.tls-min-version",
                "ingest-storage.kafka.auto-create-topic-enabled", "tributary.kafka-flavor");
        // The topic comes from the test's own properties, which outrank the console: shown, but not editable.
        assertThat(form).containsPattern("id=\"ingest-storage_kafka_topic\"[^>]*value=\"metrics-eu-west\"[^>]*disabled")
                .contains("locked");
        assertThat(form).containsPattern("(?s)field-ingest-storage_kafka_client-id.*?From: <span class=\"origin\">default");
    }

    @Test
    void secrets_are_never_rendered_only_whether_they_are_set() throws Exception {
        String form = page("/console/settings");

        assertThat(form).doesNotContain(PASSWORD).contains("set: leave empty to keep");
        assertThat(page("/console/settings/export/flags")).doesNotContain(PASSWORD)
                .contains("-ingest-storage.kafka.sasl-password='<secret>'");
        assertThat(page("/console/settings/export/yaml")).doesNotContain(PASSWORD).contains("sasl_password: \"<secret>\"");
        assertThat(page("/console/api/settings")).doesNotContain(PASSWORD)
                .contains("{\"key\":\"ingest-storage.kafka.sasl-password\",\"section\":\"Authentication\",\"set\":true,");
    }

    @Test
    void every_invalid_value_is_reported_at_once_next_to_its_field() throws Exception {
        String answer = mvc.perform(post("/console/settings/test").with(admin()).with(csrf())
                        .param("ingest-storage.kafka.dial-timeout", "soon")
                        .param("ingest-storage.kafka.producer-compression", "brotli")
                        .param("ingest-storage.kafka.tls-cert-path", "/etc/tributary/client.pem"))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString();

        assertThat(answer).containsPattern("(?s)field-ingest-storage_kafka_dial-timeout\".*?class=\"errors\".*?soon")
                .containsPattern("(?s)field-ingest-storage_kafka_producer-compression\".*?class=\"errors\".*?brotli")
                .containsPattern("(?s)field-ingest-storage_kafka_tls-cert-path\".*?class=\"errors\".*?tls-key-path")
                .contains("value=\"soon\"");
        assertThat(Files.exists(dataDir.resolve(FileSettingsStore.FOLDER))).isFalse();
    }

    @Test
    void a_form_without_its_csrf_token_is_refused() throws Exception {
        mvc.perform(post("/console/settings/test").with(admin()).param("ingest-storage.kafka.address", DEAD_ADDRESS))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/settings/apply").with(admin())).andExpect(status().isForbidden());
    }

    @Test
    void a_failed_connection_test_offers_save_anyway_which_saves_a_version_and_applies_it() throws Exception {
        MockHttpSession session = new MockHttpSession();
        String tested = mvc.perform(post("/console/settings/test").session(session).with(admin()).with(csrf())
                        .param("ingest-storage.kafka.address", DEAD_ADDRESS)
                        .param("ingest-storage.kafka.sasl-password", "n3w-s3cr3t-typed"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(tested).contains("id=\"test-failed\"", "save-anyway-button", DEAD_ADDRESS)
                .doesNotContain("n3w-s3cr3t-typed", "apply-button");

        mvc.perform(post("/console/settings/apply").session(session).with(admin()).with(csrf()))
                .andExpect(redirectedUrl("/console/settings"));
        assertThat(settings.kafka().getAddress()).as("not applied without 'anyway'").isNotEqualTo(DEAD_ADDRESS);

        mvc.perform(post("/console/settings/apply").session(session).with(admin()).with(csrf()).param("anyway", "true"))
                .andExpect(redirectedUrl("/console/settings"));
        assertThat(settings.kafka().getAddress()).isEqualTo(DEAD_ADDRESS);
        assertThat(settings.kafka().getSaslPassword().reveal()).as("locked by the test properties")
                .isEqualTo(PASSWORD);

        Path version = dataDir.resolve(FileSettingsStore.FOLDER).resolve("v000001.json");
        assertThat(Files.getPosixFilePermissions(version)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(version)).contains(DEAD_ADDRESS, "saved anyway after a failed connection test");
        String history = page("/console/settings/history");
        assertThat(history).contains("Version <span>1</span>", "admin", DEAD_ADDRESS, "saved anyway");
    }

    @Test
    void a_flavor_preset_fills_the_form_without_saving_anything() throws Exception {
        String form = mvc.perform(post("/console/settings/preset").with(admin()).with(csrf())
                        .param("tributary.kafka-flavor", "azure-event-hubs"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(form).contains("Preset for <strong>Azure Event Hubs</strong>")
                .containsPattern("(?s)id=\"ingest-storage_kafka_tls-enabled\".*?<option value=\"true\" selected")
                .containsPattern("id=\"ingest-storage_kafka_producer-compression\"[^>]*value=\"none\"");
        assertThat(Files.exists(dataDir.resolve(FileSettingsStore.FOLDER))).isFalse();
    }
}
