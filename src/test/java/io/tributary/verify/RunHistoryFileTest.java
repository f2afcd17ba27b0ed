package io.tributary.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunHistoryFileTest {

    private static final Check TOPIC_EXISTS = new Check() {
        public String id() { return "topic-exists"; }
        public String title() { return "Ingest topic exists"; }
        public CheckResult run() { return CheckResult.pass("topic ingest exists with 8 partition(s)"); }
    };

    private static final Check MAX_MESSAGE_BYTES = new Check() {
        public String id() { return "max-message-bytes"; }
        public String title() { return "max.message.bytes fits the largest record"; }
        public CheckResult run() { return CheckResult.fail("topic ingest max.message.bytes=1048588", "kafka-configs.sh ..."); }
    };

    @Test
    void a_restarted_runner_shows_the_saved_runs_and_numbers_on_from_the_newest(@TempDir Path dataDir) {
        CheckRunner before = new CheckRunner(List.of(TOPIC_EXISTS, MAX_MESSAGE_BYTES), 5, Clock.systemUTC(),
                new RunHistoryFile(dataDir));
        CheckRun first = before.runAll("console (admin)");
        before.runOne("topic-exists", "endpoint");
        before.close();

        CheckRunner after = new CheckRunner(List.of(TOPIC_EXISTS, MAX_MESSAGE_BYTES), 5, Clock.systemUTC(),
                new RunHistoryFile(dataDir));

        assertThat(after.history()).extracting(CheckRun::number).containsExactly(2L, 1L);
        assertThat(after.run(1)).contains(first);
        assertThat(after.runAll("cli").number()).isEqualTo(3);
    }

    @Test
    void an_unreadable_file_starts_an_empty_history_and_is_replaced_by_the_next_run(@TempDir Path dataDir) throws Exception {
        Files.writeString(dataDir.resolve(RunHistoryFile.NAME), "{not json");

        CheckRunner runner = new CheckRunner(List.of(TOPIC_EXISTS), 5, Clock.systemUTC(), new RunHistoryFile(dataDir));
        assertThat(runner.history()).isEmpty();
        runner.runAll("endpoint");

        assertThat(new RunHistoryFile(dataDir).load()).singleElement()
                .satisfies(run -> assertThat(run.checks().get(0).evidence()).contains("8 partition(s)"));
    }
}
