package dev.spinel.testkit;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaves a Redis process behind. Spinel starts redis-server as a child of the
 * JVM (without daemonizing), so anything still running after a test is a descendant of this JVM.
 * Leftovers are killed by their PID, never by name, and the test fails naming them.
 */
public final class RedisLeakCheck implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        List<ProcessHandle> leftovers = runningRedisDescendants();
        if (leftovers.isEmpty()) {
            return;
        }
        StringBuilder names = new StringBuilder();
        for (ProcessHandle process : leftovers) {
            names.append("\n  pid ").append(process.pid()).append(": ").append(describe(process));
            process.destroyForcibly();
        }
        for (ProcessHandle process : leftovers) {
            process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> process).join();
        }
        throw new AssertionError(context.getDisplayName() + " left Redis processes running (now killed):" + names);
    }

    /** Redis processes started by this JVM that are still alive. */
    public static List<ProcessHandle> runningRedisDescendants() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> describe(p).contains("redis-server"))
                .toList();
    }

    private static String describe(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        Optional<String> line = info.commandLine();
        return line.orElseGet(() -> info.command().orElse("?"));
    }
}
