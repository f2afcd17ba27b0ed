package io.tributary.ingester;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopicRetentionWarningTest {

    @Test
    void aRetentionShorterThanAReplayWarnsWithTheCommandThatFixesIt() {
        String warning = TopicRetentionWarning.check("ingest", Duration.ofHours(2).toMillis(), Duration.ofHours(2));
        assertThat(warning).contains("retention.ms=7200000").contains("blocks-storage.tsdb.block-ranges-period=PT2H")
                .contains("kafka-configs.sh --alter --entity-type topics --entity-name ingest --add-config retention.ms=86400000");
    }

    @Test
    void kafkasDefaultWeekAndUnlimitedRetentionAreEnough() {
        assertThat(TopicRetentionWarning.check("ingest", Duration.ofDays(7).toMillis(), Duration.ofHours(2))).isNull();
        assertThat(TopicRetentionWarning.check("ingest", -1, Duration.ofHours(2))).isNull();
    }

    @Test
    void theMinimumIsABlockRangeAndAHalfPlusAnHour() {
        assertThat(TopicRetentionWarning.minimumRetention(Duration.ofHours(2))).isEqualTo(Duration.ofHours(4));
    }
}
