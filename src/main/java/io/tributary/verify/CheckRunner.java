package io.tributary.verify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the checks (all, in their order, or one), each on a worker thread bounded by its own timeout, and keeps
 * the last {@code historySize} runs for the console (in memory, and in a {@link RunHistoryFile} when given one).
 * Runs are serialised: two operators pressing "run all" at once would otherwise produce two canaries and interleave
 * their waits for no extra information.
 */
public class CheckRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CheckRunner.class);

    private final Map<String, Check> checks = new LinkedHashMap<>();
    private final int historySize;
    private final Clock clock;
    private final Deque<CheckRun> history = new ArrayDeque<>();
    private final AtomicLong runs = new AtomicLong();
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "verification-check");
        thread.setDaemon(true);
        return thread;
    });

    private final RunHistoryFile store;
    /**
     * Held for a whole run. The history has its own lock (this object), so the console can show the earlier runs
     * while a run that waits for Kafka is in progress.
     */
    private final Object runLock = new Object();

    /** A runner whose history lives in memory only. */
    public CheckRunner(List<Check> checks, int historySize, Clock clock) {
        this(checks, historySize, clock, null);
    }

    /**
     * A runner that starts from the runs saved in {@code store} (numbering on from the newest) and saves the
     * history after every run; {@code store} may be null.
     */
    public CheckRunner(List<Check> checks, int historySize, Clock clock, RunHistoryFile store) {
        for (Check check : checks) {
            if (this.checks.put(check.id(), check) != null) {
                throw new IllegalArgumentException("two checks have the id " + check.id());
            }
        }
        this.historySize = historySize;
        this.clock = clock;
        this.store = store;
        if (store != null) {
            for (CheckRun saved : store.load()) {
                if (history.size() < historySize) {
                    history.addLast(saved);
                    runs.accumulateAndGet(saved.number(), Math::max);
                }
            }
        }
    }

    /** The checks in the order a run executes them. */
    public List<Check> checks() {
        return List.copyOf(checks.values());
    }

    public Optional<Check> check(String id) {
        return Optional.ofNullable(checks.get(id));
    }

    /** Runs every check in order; a check whose required checks did not pass or warn is skipped with that reason. */
    public CheckRun runAll(String trigger) {
        synchronized (runLock) {
            return run(trigger, checks.values());
        }
    }

    /** Runs one check alone (its required checks are not run first; if they are broken, its own evidence says so). */
    public CheckRun runOne(String id, String trigger) {
        Check check = checks.get(id);
        if (check == null) {
            throw new IllegalArgumentException("no check with id '" + id + "'; the checks are " + checks.keySet());
        }
        synchronized (runLock) {
            return run(trigger, List.of(check));
        }
    }

    /** The runs kept, newest first. */
    public synchronized List<CheckRun> history() {
        return List.copyOf(history);
    }

    /** The newest run, if any ran since this process started. */
    public synchronized Optional<CheckRun> latest() {
        return Optional.ofNullable(history.peekFirst());
    }

    /** The run numbered {@code number}, while it is still kept. */
    public synchronized Optional<CheckRun> run(long number) {
        return history.stream().filter(r -> r.number() == number).findFirst();
    }

    private CheckRun run(String trigger, Iterable<Check> selected) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        List<CheckReport> reports = new ArrayList<>();
        Map<String, CheckStatus> seen = new HashMap<>();
        for (Check check : selected) {
            CheckReport report = runGuarded(check, seen);
            seen.put(check.id(), report.status());
            reports.add(report);
        }
        CheckRun run = new CheckRun(runs.incrementAndGet(), trigger, started,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), CheckRun.worst(reports), reports);
        List<CheckRun> kept;
        synchronized (this) {
            history.addFirst(run);
            while (history.size() > historySize) {
                history.removeLast();
            }
            kept = List.copyOf(history);
        }
        if (store != null) {
            store.save(kept);
        }
        log.info("verification run {} ({}): {} (pass {}, warn {}, fail {}, skipped {})", run.number(), trigger,
                run.status(), run.count(CheckStatus.PASS), run.count(CheckStatus.WARN), run.count(CheckStatus.FAIL),
                run.count(CheckStatus.SKIPPED));
        return run;
    }

    private CheckReport runGuarded(Check check, Map<String, CheckStatus> seen) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        for (String required : check.requires()) {
            CheckStatus status = seen.get(required);
            if (status == CheckStatus.FAIL || status == CheckStatus.SKIPPED) {
                return CheckReport.of(check, CheckResult.skipped("not run: it needs check " + required + " to pass, and "
                        + required + " was " + status), started, 0);
            }
        }
        CheckResult result = runWithTimeout(check);
        return CheckReport.of(check, result, started, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    private CheckResult runWithTimeout(Check check) {
        Future<CheckResult> future = workers.submit(check::run);
        Duration timeout = check.timeout();
        try {
            CheckResult result = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return result == null ? CheckResult.fail("the check returned no result", "") : result;
        } catch (TimeoutException e) {
            future.cancel(true);
            return CheckResult.fail("no answer within " + timeout.toSeconds() + " s (the check's time limit)",
                    "Look at what the check waits for (Kafka, the partition readers, the bucket) in this process's log.");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            log.debug("check {} threw", check.id(), cause);
            return CheckResult.fail("the check could not complete: " + cause.getClass().getSimpleName() + ": "
                    + cause.getMessage(), "");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return CheckResult.fail("interrupted while running", "");
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
