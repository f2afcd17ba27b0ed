package io.tributary.console.partitions;

import io.tributary.consumer.PartitionState;
import io.tributary.consumer.PartitionStatus;
import io.tributary.consumer.ReaderProgress;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionRowTest {
    private static final long T0 = 1_795_000_000_000L;

    private static KafkaPartition kafka(long start, long end, long newestTs, long size, long committed) {
        return new KafkaPartition(3, 1, List.of(1, 2, 3), List.of(1, 2), start, end, newestTs, size, committed);
    }

    private static ReaderSample reader(long lastConsumed, long lastConsumedTs, long bytes) {
        return new ReaderSample(new PartitionStatus(3, "ingester-zone-a-3", PartitionState.RUNNING, 0, lastConsumed,
                lastConsumed, 0, null, null), new ReaderProgress(3, lastConsumed, lastConsumedTs, bytes));
    }

    @Test
    void last_produced_is_the_log_end_minus_one_and_lag_counts_from_the_committed_offset() {
        PartitionRow row = PartitionRow.of(kafka(0, 120, T0, 4096, 99), T0, null, 0, reader(110, T0 - 3_000, 0), null);

        assertThat(row.lastProduced()).isEqualTo(119);
        assertThat(row.currentOffset()).isEqualTo(99);
        assertThat(row.lag()).isEqualTo(20);
        assertThat(row.lastConsumed()).isEqualTo(110);
        assertThat(row.underReplicated()).isTrue();
    }

    @Test
    void a_caught_up_reader_has_no_lag_in_records_or_seconds() {
        PartitionRow row = PartitionRow.of(kafka(0, 120, T0, 4096, 119), T0, null, 0, reader(119, T0, 0), null);

        assertThat(row.lag()).isZero();
        assertThat(row.lagSeconds()).isZero();
    }

    @Test
    void lag_in_seconds_is_the_newest_records_timestamp_minus_the_last_consumed_records() {
        PartitionRow row = PartitionRow.of(kafka(0, 120, T0, 4096, 99), T0, null, 0, reader(110, T0 - 2_500, 0), null);

        assertThat(row.lagSeconds()).isEqualTo(2.5);
    }

    @Test
    void without_a_committed_offset_every_retained_record_is_lag() {
        PartitionRow row = PartitionRow.of(kafka(40, 120, T0, 4096, -1), T0, null, 0, reader(-1, -1, 0), null);

        assertThat(row.currentOffset()).isEqualTo(-1);
        assertThat(row.lag()).isEqualTo(80);
        assertThat(row.lagSeconds()).as("nothing consumed yet: unknown").isNull();
    }

    @Test
    void records_deleted_by_retention_before_the_committed_offset_are_not_lag() {
        PartitionRow row = PartitionRow.of(kafka(100, 120, T0, 4096, 10), T0, null, 0, reader(10, T0, 0), null);

        assertThat(row.lag()).isEqualTo(20);
    }

    @Test
    void rates_come_from_the_previous_sample_of_kafka_and_of_the_reader() {
        KafkaPartition before = kafka(0, 100, T0, 1_000, 99);
        PartitionRow row = PartitionRow.of(kafka(0, 150, T0, 6_000, 149), T0 + 5_000, before, T0,
                reader(149, T0, 9_000), reader(99, T0, 4_000));

        assertThat(row.recordsInPerSecond()).isEqualTo(10.0);
        assertThat(row.bytesInPerSecond()).isEqualTo(1_000.0);
        assertThat(row.recordsOutPerSecond()).isEqualTo(10.0);
        assertThat(row.bytesOutPerSecond()).isEqualTo(1_000.0);
    }

    @Test
    void without_a_reader_here_the_reader_columns_are_empty_but_kafkas_are_filled() {
        PartitionRow row = PartitionRow.of(kafka(0, 120, T0, 4096, -1), T0, null, 0, null, null);

        assertThat(row.logEndOffset()).isEqualTo(120);
        assertThat(row.lastProduced()).isEqualTo(119);
        assertThat(row.currentOffset()).isNull();
        assertThat(row.lag()).isNull();
        assertThat(row.lagSeconds()).isNull();
        assertThat(row.state()).isNull();
        assertThat(row.recordsOutPerSecond()).isNull();
    }
}
