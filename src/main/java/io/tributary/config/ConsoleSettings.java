package io.tributary.config;

import java.time.Duration;
import java.util.regex.Pattern;

/** The {@code tributary.console.*} settings: the one admin account of the console and the admin-only actuator. */
public class ConsoleSettings {

    /** Marks a password setting that holds a bcrypt hash rather than the password (Spring Security's notation). */
    public static final String BCRYPT_PREFIX = "{bcrypt}";

    /** What a bcrypt encoder produces: version, cost, then 53 characters of salt and hash. */
    private static final Pattern BCRYPT_HASH = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    /** Username of the console's admin account (also the HTTP basic-auth username for actuator endpoints). */
    private String username = "admin";

    /**
     * Password of the admin account, plain or as a "{bcrypt}$2a$..." hash; empty = generate one at first start,
     * keep only its hash in the data directory and print it once in the log.
     */
    private Secret password = Secret.empty();

    /** Failed logins (console form or actuator basic auth) from one client address before it is locked out. */
    private int loginAttempts = 5;

    /** How long a client address that used up its login attempts is refused, even with the right password. */
    private Duration loginLockout = Duration.ofMinutes(5);

    public int getLoginAttempts() {
        return loginAttempts;
    }

    public void setLoginAttempts(int loginAttempts) {
        this.loginAttempts = loginAttempts;
    }

    public Duration getLoginLockout() {
        return loginLockout;
    }

    public void setLoginLockout(Duration loginLockout) {
        this.loginLockout = loginLockout;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public Secret getPassword() {
        return password;
    }

    public void setPassword(Secret password) {
        this.password = password;
    }

    /** True when {@code hash} (without the {@value #BCRYPT_PREFIX} prefix) is a well-formed bcrypt hash. */
    public static boolean isBcryptHash(String hash) {
        return hash != null && BCRYPT_HASH.matcher(hash).matches();
    }
}
