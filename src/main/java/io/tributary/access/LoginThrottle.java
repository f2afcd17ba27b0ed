package io.tributary.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing against the one admin account: after {@code attempts} failed logins from one client
 * address (console form and actuator basic auth count together), that address is refused for {@code lockout},
 * even with the right password. A successful login clears the count. Addresses, not the username, are counted:
 * counting the username would let anyone lock the admin out.
 */
public final class LoginThrottle {

    /** Bounds the memory an attacker with many addresses can make us use. */
    private static final int MAX_TRACKED = 10_000;

    private final int attempts;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Entry> byAddress = new ConcurrentHashMap<>();

    private static final class Entry {
        int failures;
        Instant lastFailure = Instant.MIN;
        Instant lockedUntil = Instant.MIN;
    }

    public LoginThrottle(int attempts, Duration lockout, Clock clock) {
        this.attempts = attempts;
        this.lockout = lockout;
        this.clock = clock;
    }

    /** How much longer {@code address} is refused, or empty when it may try. */
    public Optional<Duration> lockedFor(String address) {
        Entry entry = byAddress.get(address);
        if (entry == null) {
            return Optional.empty();
        }
        synchronized (entry) {
            Instant now = clock.instant();
            return now.isBefore(entry.lockedUntil) ? Optional.of(Duration.between(now, entry.lockedUntil)) : Optional.empty();
        }
    }

    public void failed(String address) {
        if (byAddress.size() >= MAX_TRACKED) {
            forgetStale();
        }
        Entry entry = byAddress.computeIfAbsent(address, a -> new Entry());
        synchronized (entry) {
            Instant now = clock.instant();
            if (now.isAfter(entry.lastFailure.plus(lockout))) {
                entry.failures = 0; // failures spread wider apart than the lockout do not add up
            }
            entry.failures++;
            entry.lastFailure = now;
            if (entry.failures >= attempts) {
                entry.lockedUntil = now.plus(lockout);
                entry.failures = 0;
            }
        }
    }

    public void succeeded(String address) {
        byAddress.remove(address);
    }

    private void forgetStale() {
        Instant now = clock.instant();
        for (Iterator<Entry> it = byAddress.values().iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (now.isAfter(entry.lockedUntil) && now.isAfter(entry.lastFailure.plus(lockout))) {
                it.remove();
            }
        }
    }
}
