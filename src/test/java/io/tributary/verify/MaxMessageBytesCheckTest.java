package io.tributary.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaxMessageBytesCheckTest {

    private static final String COMMAND = "kafka-configs.sh --bootstrap-server broker-1:9092 --alter --entity-type topics "
            + "--entity-name ingest --add-config max.message.bytes=16000000";

    @Test
    void a_topic_below_the_largest_record_fails_with_the_values_and_the_exact_command() {
        CheckResult result = MaxMessageBytesCheck.judge("ingest", 1_048_588L, "Kafka's default", 1_048_588L, 15_983_616,
                16_000_000, COMMAND);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.evidence()).contains("max.message.bytes=1048588", "broker message.max.bytes=1048588",
                "producer-max-record-size-bytes=15983616", "16000000", "MESSAGE_TOO_LARGE");
        assertThat(result.fix()).startsWith(COMMAND).contains("message.max.bytes=16000000");
    }

    @Test
    void a_topic_override_large_enough_passes_and_mentions_the_smaller_broker_default() {
        CheckResult result = MaxMessageBytesCheck.judge("ingest", 16_000_000L, "set on the topic", 1_048_588L,
                15_983_616, 16_000_000, COMMAND);

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.evidence()).contains("recreated without --config max.message.bytes=16000000");
    }

    @Test
    void an_unreadable_topic_limit_is_a_warning_naming_the_required_size() {
        CheckResult result = MaxMessageBytesCheck.judge("ingest", null, "unknown", null, 15_983_616, 16_000_000, COMMAND);

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.fix()).contains("at least 16000000", COMMAND);
    }

    @Test
    void a_larger_producer_record_size_raises_the_requirement_above_the_16_mb_default() {
        CheckResult result = MaxMessageBytesCheck.judge("ingest", 16_000_000L, "set on the topic", 16_000_000L,
                20_000_000, 20_016_384, COMMAND);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
    }
}
