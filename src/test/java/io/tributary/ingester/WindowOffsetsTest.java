package io.tributary.ingester;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowOffsetsTest {
    private static final long RANGE = 10_000;

    @Test
    void replayStartsAtTheFirstRecordWithSamplesInAWindowNotYetCut() {
        WindowOffsets windows = new WindowOffsets(RANGE);
        windows.register(0, 100, 1_000, 2_000);
        windows.register(0, 101, 9_000, 12_000);
        windows.register(0, 102, 12_500, 12_600);
        windows.stored(0, 103);
        assertThat(windows.replayFrom(0, 10_000)).isEqualTo(101);
        assertThat(windows.replayFrom(0, 20_000)).isEqualTo(103);
    }

    @Test
    void aLateRecordForAnOpenWindowPullsTheReplayOffsetBack() {
        WindowOffsets windows = new WindowOffsets(RANGE);
        windows.register(3, 5, 15_000, 15_000);
        windows.register(3, 6, 25_000, 25_000);
        windows.register(3, 7, 16_000, 16_000);
        windows.stored(3, 8);
        assertThat(windows.replayFrom(3, 20_000)).isEqualTo(6);
        windows.dropBefore(20_000);
        assertThat(windows.replayFrom(3, 20_000)).isEqualTo(6);
    }

    @Test
    void aPartitionThatStoredNothingKeepsItsCheckpoint() {
        assertThat(new WindowOffsets(RANGE).replayFrom(1, 10_000)).isEqualTo(-1);
    }

    @Test
    void negativeTimestampsFallInTheirOwnWindow() {
        WindowOffsets windows = new WindowOffsets(RANGE);
        assertThat(windows.windowStart(-1)).isEqualTo(-10_000);
    }
}
