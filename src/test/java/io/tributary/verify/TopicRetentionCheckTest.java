package io.tributary.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopicRetentionCheckTest {

    private static final Duration TWO_HOURS = Duration.ofHours(2);

    @Test
    void a_week_of_retention_covers_replay_of_two_hour_blocks() {
        CheckResult result = TopicRetentionCheck.judge("ingest", 604_800_000L, -1L, TWO_HOURS, "broker-1:9092");

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains("retention.ms=604800000", "14400000");
    }

    @Test
    void three_hours_is_shorter_than_one_and_a_half_ranges_plus_an_hour_and_warns_with_the_command() {
        CheckResult result = TopicRetentionCheck.judge("ingest", 10_800_000L, -1L, TWO_HOURS, "broker-1:9092");

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.evidence()).contains("acknowledged samples can be lost");
        assertThat(result.fix()).isEqualTo("kafka-configs.sh --bootstrap-server broker-1:9092 --alter --entity-type "
                + "topics --entity-name ingest --add-config retention.ms=86400000");
    }

    @Test
    void unlimited_retention_passes_and_a_size_limit_warns() {
        assertThat(TopicRetentionCheck.judge("ingest", -1L, -1L, TWO_HOURS, "b:9092").status()).isEqualTo(CheckStatus.PASS);
        CheckResult sized = TopicRetentionCheck.judge("ingest", -1L, 1_073_741_824L, TWO_HOURS, "b:9092");
        assertThat(sized.status()).isEqualTo(CheckStatus.WARN);
        assertThat(sized.fix()).contains("--delete-config retention.bytes");
    }
}
