package io.tributary.ingester;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCheckpointTest {

    @Test
    void survivesARestartAndNeverMovesBackwards(@TempDir Path dir) {
        ReplayCheckpoint checkpoint = ReplayCheckpoint.load(dir);
        assertThat(checkpoint.replayFrom(0)).isEmpty();
        checkpoint.initialise(0, 10);
        checkpoint.initialise(1, 0);
        checkpoint.initialise(0, 99);
        checkpoint.advance(7_200_000, Map.of(0, 50L, 1, -1L));

        ReplayCheckpoint reloaded = ReplayCheckpoint.load(dir);
        assertThat(reloaded.persistedUntil()).isEqualTo(7_200_000);
        assertThat(reloaded.replayFrom(0)).hasValue(50);
        assertThat(reloaded.replayFrom(1)).hasValue(0);

        reloaded.advance(14_400_000, Map.of(0, 40L));
        assertThat(ReplayCheckpoint.load(dir).replayFrom(0)).hasValue(50);
    }
}
