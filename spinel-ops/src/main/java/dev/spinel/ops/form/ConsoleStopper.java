package dev.spinel.ops.form;

import dev.spinel.ops.project.ConsoleRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops the console serving a project (SIGTERM, then SIGKILL after 10 s), by its recorded PID. */
final class ConsoleStopper {
    private static final long GRACE_SECONDS = 10;

    private ConsoleStopper() {
    }

    /** A line saying how the console stopped, or empty when none was recorded. */
    static Optional<String> stop(Path projectRoot) {
        Optional<ConsoleRecord> record = ConsoleRecord.read(projectRoot);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        Optional<ProcessHandle> live = record.get().live();
        String outcome = live.map(ConsoleStopper::terminate).orElse("not running");
        try {
            Files.deleteIfExists(projectRoot.resolve(ConsoleRecord.FILE));
        } catch (IOException e) {
            // A stale record is harmless: its PID and start time no longer match a live process.
        }
        return Optional.of("console: " + outcome + (live.isPresent()
                ? " in " + (System.nanoTime() - start) / 1_000_000 + " ms" : ""));
    }

    private static String terminate(ProcessHandle console) {
        console.destroy();
        try {
            console.onExit().get(GRACE_SECONDS, TimeUnit.SECONDS);
            return "stopped";
        } catch (TimeoutException e) {
            console.destroyForcibly();
            return "killed after " + GRACE_SECONDS + " s";
        } catch (ExecutionException e) {
            return "stopped";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "left running (interrupted)";
        }
    }
}
