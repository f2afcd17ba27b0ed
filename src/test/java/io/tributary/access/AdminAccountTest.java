package io.tributary.access;

import io.tributary.config.ConsoleSettings;
import io.tributary.config.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the admin password comes from: configured plain, configured hash, or generated once and stored hashed. */
@ExtendWith(OutputCaptureExtension.class)
class AdminAccountTest {

    private static final Pattern PRINTED_PASSWORD = Pattern.compile("password: (\\S+)");

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @TempDir
    Path dataDir;

    private static ConsoleSettings settings(String password) {
        ConsoleSettings settings = new ConsoleSettings();
        settings.setPassword(Secret.of(password));
        return settings;
    }

    @Test
    void without_a_password_the_first_start_generates_one_prints_it_once_and_stores_only_its_bcrypt_hash(
            CapturedOutput output) throws Exception {
        AdminAccount admin = AdminAccount.from(settings(""), dataDir);

        Matcher printed = PRINTED_PASSWORD.matcher(output.getOut());
        assertThat(printed.find()).as("the generated password is in the log").isTrue();
        String password = printed.group(1);
        assertThat(password).hasSize(AdminAccount.GENERATED_LENGTH);
        assertThat(printed.find()).as("printed once").isFalse();
        assertThat(encoder.matches(password, admin.encodedPassword())).isTrue();

        Path file = dataDir.resolve(AdminPasswordFile.FILE_NAME);
        String stored = Files.readString(file);
        assertThat(stored.strip()).matches("\\$2[aby]\\$10\\$[./A-Za-z0-9]{53}").doesNotContain(password);
        assertThat(admin.encodedPassword()).isEqualTo("{bcrypt}" + stored.strip());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.list(dataDir)).as("no temporary file left behind").containsExactly(file);
    }

    @Test
    void a_later_start_reuses_the_stored_hash_and_prints_nothing_secret(CapturedOutput output) {
        AdminAccount first = AdminAccount.from(settings(""), dataDir);
        Matcher printed = PRINTED_PASSWORD.matcher(output.getOut());
        assertThat(printed.find()).isTrue();
        String password = printed.group(1);
        int logged = output.getOut().length();

        AdminAccount second = AdminAccount.from(settings(""), dataDir);

        String laterLog = output.getOut().substring(logged);
        assertThat(second.encodedPassword()).isEqualTo(first.encodedPassword());
        assertThat(laterLog).contains(AdminPasswordFile.FILE_NAME).doesNotContain(password, "$2a$", "password: ");
    }

    @Test
    void a_configured_plain_password_is_hashed_and_neither_stored_nor_printed(CapturedOutput output) {
        AdminAccount admin = AdminAccount.from(settings("correct-horse-battery-staple"), dataDir);

        assertThat(admin.encodedPassword()).startsWith("{bcrypt}").doesNotContain("correct-horse");
        assertThat(encoder.matches("correct-horse-battery-staple", admin.encodedPassword())).isTrue();
        assertThat(dataDir.resolve(AdminPasswordFile.FILE_NAME)).doesNotExist();
        assertThat(output.getOut()).doesNotContain("correct-horse-battery-staple");
    }

    @Test
    void a_configured_bcrypt_hash_is_used_as_it_is() {
        String hash = encoder.encode("correct-horse-battery-staple");

        AdminAccount admin = AdminAccount.from(settings(hash), dataDir);

        assertThat(admin.encodedPassword()).isEqualTo(hash);
        assertThat(encoder.matches("correct-horse-battery-staple", admin.encodedPassword())).isTrue();
    }

    @Test
    void a_damaged_password_file_stops_the_start_with_what_to_do() throws Exception {
        Files.writeString(dataDir.resolve(AdminPasswordFile.FILE_NAME), "half-written");

        assertThatThrownBy(() -> AdminAccount.from(settings(""), dataDir))
                .hasMessageContaining("does not hold a bcrypt hash: delete it")
                .hasMessageNotContaining("half-written");
    }

    @Test
    void the_account_never_renders_its_hash() {
        AdminAccount admin = AdminAccount.from(settings("correct-horse-battery-staple"), dataDir);

        assertThat(admin.toString()).isEqualTo("AdminAccount[admin]");
    }
}
