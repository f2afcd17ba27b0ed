package io.tributary.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/** What the credential-rotation tests do while an app runs: rotate a file safely, and push throughout. */
public final class CredentialRotation {

    private CredentialRotation() {
    }

    /** Writes next to the target and renames over it, as a rotating agent should, so no reader sees half a file. */
    public static void writeAtomically(Path file, String content) throws Exception {
        Path temp = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), content);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Pushes a sample every 200 ms for {@code duration}; every push must succeed. */
    public static void keepPushingFor(InProcessTributary app, Duration duration, String metric) throws InterruptedException {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            HttpResponse<String> response = app.push("team-rotation", metric, System.currentTimeMillis(), 1);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
            Thread.sleep(200);
        }
    }
}
