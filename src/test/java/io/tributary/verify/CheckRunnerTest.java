package io.tributary.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CheckRunnerTest {

    /** A check with a fixed answer, standing for one of the real checks. */
    record Fixed(String id, CheckResult result, Set<String> requires, Duration timeout, AtomicInteger runs)
            implements Check {
        Fixed(String id, CheckResult result, String... requires) {
            this(id, result, Set.of(requires), Duration.ofSeconds(5), new AtomicInteger());
        }

        @Override
        public String title() {
            return "check " + id;
        }

        @Override
        public CheckResult run() throws Exception {
            runs.incrementAndGet();
            if (result == null) {
                Thread.sleep(10_000);
            }
            return result;
        }
    }

    private static CheckRunner runner(Check... checks) {
        return new CheckRunner(List.of(checks), 3, Clock.systemUTC());
    }

    @Test
    void a_check_whose_required_check_failed_is_skipped_with_that_reason_and_not_run() {
        Fixed connection = new Fixed("kafka-connection", CheckResult.fail("no answer from broker-1:9092", "set the address"));
        Fixed topic = new Fixed("topic-exists", CheckResult.pass("topic ingest exists"), "kafka-connection");
        CheckRun run = runner(connection, topic).runAll("test");

        assertThat(run.checks()).extracting(CheckReport::status).containsExactly(CheckStatus.FAIL, CheckStatus.SKIPPED);
        assertThat(run.checks().get(1).evidence()).contains("kafka-connection", "FAIL");
        assertThat(topic.runs()).hasValue(0);
        assertThat(run.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(run.failed()).isTrue();
    }

    @Test
    void a_check_that_outlives_its_timeout_fails_and_the_run_goes_on() {
        Fixed stuck = new Fixed("partition-consumers", null, Set.of(), Duration.ofMillis(200), new AtomicInteger());
        Fixed blocks = new Fixed("blocks-uploaded", CheckResult.pass("newest block 1 min old"));
        long started = System.nanoTime();
        CheckRun run = runner(stuck, blocks).runAll("test");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(run.checks().get(0).status()).isEqualTo(CheckStatus.FAIL);
        assertThat(run.checks().get(0).evidence()).contains("no answer within");
        assertThat(run.checks().get(1).status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void warnings_make_a_warn_run_and_skipped_checks_count_for_nothing() {
        CheckRun run = runner(new Fixed("replication-factor", CheckResult.warn("RF 1 of 3 brokers", "reassign")),
                new Fixed("blocks-uploaded", CheckResult.skipped("not due yet")),
                new Fixed("topic-exists", CheckResult.pass("exists"))).runAll("test");

        assertThat(run.status()).isEqualTo(CheckStatus.WARN);
        assertThat(run.failed()).isFalse();
    }

    @Test
    void a_check_that_throws_fails_with_the_exception_as_evidence() {
        Check throwing = new Check() {
            public String id() { return "topic-retention"; }
            public String title() { return "retention"; }
            public CheckResult run() { throw new IllegalStateException("retention.ms is not a number"); }
        };
        CheckRun run = runner(throwing).runAll("test");

        assertThat(run.checks().get(0).status()).isEqualTo(CheckStatus.FAIL);
        assertThat(run.checks().get(0).evidence()).contains("retention.ms is not a number");
    }

    @Test
    void run_one_runs_only_that_check_even_when_its_requirement_is_absent_from_the_run() {
        Fixed connection = new Fixed("kafka-connection", CheckResult.pass("ok"));
        Fixed topic = new Fixed("topic-exists", CheckResult.pass("exists"), "kafka-connection");
        CheckRun run = runner(connection, topic).runOne("topic-exists", "test");

        assertThat(run.checks()).extracting(CheckReport::id).containsExactly("topic-exists");
        assertThat(run.checks().get(0).status()).isEqualTo(CheckStatus.PASS);
        assertThat(connection.runs()).hasValue(0);
        assertThatThrownBy(() -> runner(connection).runOne("no-such-check", "test"))
                .hasMessageContaining("kafka-connection");
    }

    @Test
    void history_keeps_the_newest_runs_first_up_to_its_size() {
        CheckRunner runner = runner(new Fixed("topic-exists", CheckResult.pass("exists")));
        for (int i = 0; i < 5; i++) {
            runner.runAll("run " + i);
        }

        assertThat(runner.history()).extracting(CheckRun::number).containsExactly(5L, 4L, 3L);
        assertThat(runner.latest()).get().extracting(CheckRun::trigger).isEqualTo("run 4");
        assertThat(runner.run(1)).isEmpty();
        assertThat(runner.run(4)).isPresent();
    }

    @Test
    void only_a_failed_fixable_check_offers_its_fix() {
        FixableCheck fixable = new FixableCheck() {
            public String id() { return "max-message-bytes"; }
            public String title() { return "max.message.bytes"; }
            public CheckResult run() { return CheckResult.fail("topic max.message.bytes=1048588", "kafka-configs.sh ..."); }
            public String fixAction() { return "kafka-configs.sh ..."; }
            public String applyFix() { return "set"; }
        };
        CheckRun run = runner(fixable, new Fixed("topic-exists", CheckResult.fail("missing", "create it"))).runAll("test");

        assertThat(run.checks()).extracting(CheckReport::fixApplicable).containsExactly(true, false);
    }

    @Test
    void the_history_can_be_read_while_a_run_waits_on_a_slow_check() throws Exception {
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        Check slow = new Check() {
            public String id() { return "partition-consumers"; }
            public String title() { return "consumers"; }
            public CheckResult run() throws Exception {
                inside.countDown();
                Thread.sleep(3_000);
                return CheckResult.pass("caught up");
            }
        };
        CheckRunner runner = runner(slow);
        Thread running = new Thread(() -> runner.runAll("console (admin)"));
        running.start();
        assertThat(inside.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        assertThat(runner.history()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        running.join();
        assertThat(runner.history()).hasSize(1);
    }
}
