package io.tributary.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StartupLagGateTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void anEmptyOrConsumedPartitionPassesAtOnce() {
        StartupLagGate gate = new StartupLagGate(Duration.ofSeconds(2), Duration.ofSeconds(15));
        gate.startRound(-1, 0);
        gate.progress(0, SECOND / 10);
        assertThat(gate.passed()).isTrue();
    }

    @Test
    void aRoundSlowerThanTheMaxLagStartsAnotherRound() {
        StartupLagGate gate = new StartupLagGate(Duration.ofSeconds(2), Duration.ofSeconds(15));
        gate.startRound(1000, 0);
        gate.progress(500, 10 * SECOND);
        assertThat(gate.needsTarget()).isFalse();
        gate.progress(1001, 20 * SECOND);
        assertThat(gate.passed()).isFalse();
        assertThat(gate.needsTarget()).isTrue();
        gate.startRound(1500, 20 * SECOND);
        gate.progress(1501, 21 * SECOND);
        assertThat(gate.passed()).isTrue();
    }

    @Test
    void afterTheMaxLagHoldsTheTargetIsTriedUntilTwiceTheMaxLag() {
        StartupLagGate gate = new StartupLagGate(Duration.ofSeconds(2), Duration.ofSeconds(15));
        gate.startRound(1000, 0);
        gate.progress(1001, 5 * SECOND);
        assertThat(gate.passed()).as("5 s is within max but not target").isFalse();
        gate.startRound(2000, 5 * SECOND);
        gate.progress(2001, 10 * SECOND);
        assertThat(gate.passed()).isFalse();
        gate.startRound(3000, 10 * SECOND);
        gate.progress(3001, 24 * SECOND);
        assertThat(gate.passed()).isFalse();
        gate.startRound(4000, 24 * SECOND);
        gate.progress(4001, 36 * SECOND);
        assertThat(gate.passed()).as("deadline 5 s + 30 s has passed, and 12 s is within the max lag").isTrue();
    }

    @Test
    void aRoundThatEndsAfterTheTargetDeadlineMustStillBeWithinTheMaxLag() {
        StartupLagGate gate = new StartupLagGate(Duration.ofSeconds(2), Duration.ofSeconds(15));
        gate.startRound(1000, 0);
        gate.progress(1001, 5 * SECOND);
        gate.startRound(2000, 5 * SECOND);
        gate.progress(2001, 40 * SECOND);
        assertThat(gate.passed()).as("35 s: the lag grew past the max while the target was tried").isFalse();
        assertThat(gate.needsTarget()).isTrue();
        gate.startRound(3000, 40 * SECOND);
        gate.progress(3001, 50 * SECOND);
        assertThat(gate.passed()).as("10 s: the max lag holds again").isTrue();
    }
}
