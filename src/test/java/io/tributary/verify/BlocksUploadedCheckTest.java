package io.tributary.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.storage.block.ULID;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlocksUploadedCheckTest {

    private static final Duration RANGE = Duration.ofHours(2);
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Instant STARTED_YESTERDAY = NOW.minus(Duration.ofDays(1));

    @Test
    void the_newest_block_is_found_by_its_ulid_among_complete_blocks_only() {
        String older = ULID.of(NOW.minus(Duration.ofHours(4)).toEpochMilli(), new byte[10]).toString();
        String newer = ULID.of(NOW.minus(Duration.ofHours(2)).toEpochMilli(), new byte[10]).toString();
        String incomplete = ULID.of(NOW.toEpochMilli(), new byte[10]).toString();
        List<String> keys = List.of("team-a/" + older + "/meta.json", "team-a/" + older + "/index",
                "team-b/" + newer + "/meta.json", "team-b/" + incomplete + "/chunks/000001", "team-a/not-a-ulid/meta.json");

        assertThat(BlocksUploadedCheck.newestBlock(keys)).isEqualTo(NOW.minus(Duration.ofHours(2)));
        assertThat(BlocksUploadedCheck.newestBlock(List.of())).isNull();
    }

    @Test
    void a_block_whose_range_ended_within_one_range_plus_grace_passes() {
        CheckResult result = BlocksUploadedCheck.judge("file:///blocks", NOW.minus(Duration.ofMinutes(130)), NOW,
                STARTED_YESTERDAY, RANGE);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void no_recent_block_on_an_instance_running_for_a_day_warns() {
        CheckResult stale = BlocksUploadedCheck.judge("file:///blocks", NOW.minus(Duration.ofHours(3)), NOW,
                STARTED_YESTERDAY, RANGE);
        CheckResult none = BlocksUploadedCheck.judge("file:///blocks", null, NOW, STARTED_YESTERDAY, RANGE);

        assertThat(stale.status()).isEqualTo(CheckStatus.WARN);
        assertThat(none.status()).isEqualTo(CheckStatus.WARN);
        assertThat(none.evidence()).contains("no block in file:///blocks");
    }

    @Test
    void before_one_range_plus_grace_of_uptime_no_block_is_due_and_the_check_is_skipped() {
        CheckResult result = BlocksUploadedCheck.judge("file:///blocks", null, NOW, NOW.minus(Duration.ofMinutes(30)), RANGE);

        assertThat(result.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(result.evidence()).contains("due by 2026-11-22T13:45:00Z");
    }
}
