package io.tributary.verify;

import io.tributary.config.InvalidSettingsException;
import io.tributary.config.MimirArguments;
import io.tributary.config.SettingsViolation;
import io.tributary.config.ValidatedSettings;
import io.tributary.kafka.KafkaBootstrap;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar tributary.jar verify [--setting=value ...] [--url=http://instance:8080]}: runs the verification
 * checks from the same settings the server would use and exits 0 when none failed, 1 when one did, 2 when the
 * settings themselves are invalid. The Kafka-level checks run here; the process-level ones (consumers, end-to-end
 * canary, blocks) are asked of the instance at {@code --url}, or skipped without it.
 * <p>
 * Without any Kafka address the server would start its embedded evaluation broker; the command does not (a broker
 * of its own would verify nothing) and fails the connection check naming {@code ingest-storage.kafka.address}.
 */
public final class VerifyCommand {

    /** The first argument that selects this command instead of the server. */
    public static final String NAME = "verify";

    static final int OK = 0;
    static final int FAILED = 1;
    static final int INVALID_SETTINGS = 2;

    /** Each Kafka request of a check; the command should fail against a dead address in seconds. */
    static final Duration KAFKA_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private VerifyCommand() {
    }

    /** True when {@code args} ask for this command. */
    public static boolean requested(String[] args) {
        return args.length > 0 && NAME.equals(args[0]);
    }

    /** Runs the command with the arguments after {@code verify}; returns the exit code. */
    public static int run(String[] args, PrintStream out) {
        String url = "";
        List<String> settings = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--url=")) {
                url = arg.substring("--url=".length());
            } else {
                settings.add(arg);
            }
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(VerifyCommandConfiguration.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                // The command's output is its report; the context's own INFO lines would bury it.
                .properties("logging.level.root=WARN", "logging.level.org.apache.kafka=ERROR")
                .run(MimirArguments.translate(settings.toArray(new String[0])))) {
            ValidatedSettings validated = context.getBean(ValidatedSettings.class);
            CheckRun run;
            try (CheckRunner runner = new CheckRunner(checks(validated, url), 1, Clock.systemUTC())) {
                out.println("Tributary verify: topic " + validated.kafka().getTopic() + " at "
                        + describeAddress(validated) + (url.isEmpty() ? "" : ", instance " + url));
                run = runner.runAll("cli");
            }
            print(run, out);
            return run.failed() ? FAILED : OK;
        } catch (RuntimeException e) {
            InvalidSettingsException invalid = find(e);
            if (invalid == null) {
                throw e;
            }
            out.println("FAIL invalid settings, nothing was checked:");
            for (SettingsViolation violation : invalid.getViolations()) {
                out.println("  " + violation.message());
            }
            return INVALID_SETTINGS;
        }
    }

    static List<Check> checks(ValidatedSettings settings, String url) {
        KafkaProbe kafka = new KafkaProbe(settings.kafka(), new KafkaBootstrap(settings.kafka(), null),
                KAFKA_REQUEST_TIMEOUT);
        String username = settings.tributary().getConsole().getUsername();
        String password = settings.tributary().getConsole().getPassword().reveal();
        Duration remote = Duration.ofSeconds(90);
        List<Check> checks = new ArrayList<>(VerificationChecks.kafkaLevel(kafka, settings));
        checks.add(new RemoteCheck(PartitionConsumersCheck.ID, "Every owned partition is consumed and its offset committed",
                url, username, password, remote));
        checks.add(new RemoteCheck(EndToEndCanaryCheck.ID, "End-to-end canary: remote-write a sample, read it back with "
                + "strong consistency", url, username, password, remote));
        checks.add(new RemoteCheck(BlocksUploadedCheck.ID, "Blocks uploaded within one block range + grace", url,
                username, password, remote));
        return checks;
    }

    private static String describeAddress(ValidatedSettings settings) {
        String address = settings.kafka().getAddress();
        return address.isBlank() ? "(ingest-storage.kafka.address not set)" : address;
    }

    static void print(CheckRun run, PrintStream out) {
        for (CheckReport check : run.checks()) {
            out.printf("%-8s %-20s %s%n", check.status(), check.id(), check.title());
            printIndented("evidence: ", check.evidence(), out);
            if (!check.fix().isEmpty()) {
                printIndented("fix: ", check.fix(), out);
            }
        }
        out.println("Result: " + run.status() + " (pass " + run.count(CheckStatus.PASS) + ", warn "
                + run.count(CheckStatus.WARN) + ", fail " + run.count(CheckStatus.FAIL) + ", skipped "
                + run.count(CheckStatus.SKIPPED) + ") in " + run.durationMillis() + " ms");
    }

    private static void printIndented(String label, String text, PrintStream out) {
        String[] lines = text.split("\n");
        out.println("         " + label + lines[0]);
        for (int i = 1; i < lines.length; i++) {
            out.println("           " + lines[i]);
        }
    }

    private static InvalidSettingsException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidSettingsException invalid) {
                return invalid;
            }
        }
        return null;
    }
}
