package io.tributary.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private Instant now = Instant.parse("2026-11-22T07:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(5), clock);

    @Test
    void anAddressIsLockedOutAfterItsAttemptsAndOnlyForTheLockout() {
        throttle.failed("203.0.113.7");
        throttle.failed("203.0.113.7");
        assertThat(throttle.lockedFor("203.0.113.7")).isEmpty();
        throttle.failed("203.0.113.7");

        assertThat(throttle.lockedFor("203.0.113.7")).contains(Duration.ofMinutes(5));
        assertThat(throttle.lockedFor("198.51.100.2")).as("another address").isEmpty();
        now = now.plus(Duration.ofMinutes(5));
        assertThat(throttle.lockedFor("203.0.113.7")).isEmpty();
    }

    @Test
    void aSuccessfulLoginClearsTheCount() {
        throttle.failed("203.0.113.7");
        throttle.failed("203.0.113.7");
        throttle.succeeded("203.0.113.7");
        throttle.failed("203.0.113.7");

        assertThat(throttle.lockedFor("203.0.113.7")).isEmpty();
    }

    @Test
    void failuresFurtherApartThanTheLockoutDoNotAddUp() {
        throttle.failed("203.0.113.7");
        throttle.failed("203.0.113.7");
        now = now.plus(Duration.ofMinutes(6));
        throttle.failed("203.0.113.7");

        assertThat(throttle.lockedFor("203.0.113.7")).isEmpty();
    }
}
