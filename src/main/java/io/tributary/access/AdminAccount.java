package io.tributary.access;

import io.tributary.config.ConsoleSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The console's one admin account: its username and the bcrypt hash its password is checked against. The
 * password comes from {@code tributary.console.password} (plain or {@code {bcrypt}} hash); without one, a random
 * password is generated at the first start, only its hash is stored in the data directory, and the password
 * itself is printed that once, because nobody could log in otherwise and nobody can read it back later.
 */
public final class AdminAccount {

    private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

    /** Letters and digits without the look-alikes (0/O, 1/l/I), so a password copied by eye from a log still works. */
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /** 22 characters of a 57-letter alphabet: about 128 bits. */
    static final int GENERATED_LENGTH = 22;

    private final String username;
    private final String encodedPassword;

    private AdminAccount(String username, String encodedPassword) {
        this.username = username;
        this.encodedPassword = encodedPassword;
    }

    /** The admin account the settings describe, generating and storing a password on the first start without one. */
    public static AdminAccount from(ConsoleSettings settings, Path dataDir) {
        String configured = settings.getPassword().reveal();
        if (configured.startsWith(ConsoleSettings.BCRYPT_PREFIX)) {
            return new AdminAccount(settings.getUsername(), configured);
        }
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        if (!configured.isEmpty()) {
            // Hashed at once so the clear text is not kept in the user store.
            return new AdminAccount(settings.getUsername(), ConsoleSettings.BCRYPT_PREFIX + bcrypt.encode(configured));
        }
        AdminPasswordFile file = new AdminPasswordFile(dataDir);
        Optional<String> stored = file.read();
        if (stored.isPresent()) {
            log.info("Console admin '{}': password hash from {} (set tributary.console.password to choose another)",
                    settings.getUsername(), file.path());
            return new AdminAccount(settings.getUsername(), ConsoleSettings.BCRYPT_PREFIX + stored.get());
        }
        String generated = generatePassword();
        String hash = bcrypt.encode(generated);
        file.write(hash);
        log.warn("""

                ************************************************************************
                Console admin account created. Log in at /login with
                    username: {}
                    password: {}
                This password is shown only now; its bcrypt hash is in {}.
                Set tributary.console.password to choose one, or delete that file to get a new one.
                ************************************************************************""",
                settings.getUsername(), generated, file.path());
        return new AdminAccount(settings.getUsername(), ConsoleSettings.BCRYPT_PREFIX + hash);
    }

    static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    public String username() {
        return username;
    }

    /** The password as Spring Security's delegating encoder stores it: {@code {bcrypt}$2a$10$...}. */
    public String encodedPassword() {
        return encodedPassword;
    }

    /** Names the account only: even a hash is not for logs. */
    @Override
    public String toString() {
        return "AdminAccount[" + username + "]";
    }
}
