package dev.spinel.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaves a Redis process behind. Spinel starts each node detached (a child of
 * init, not of the JVM), in the node's folder; a test's nodes live under JUnit's temporary
 * folders. So a leftover is a running redis-server that started after the test began and whose
 * working directory is in a JUnit temp folder. Leftovers are killed by their PID, never by name,
 * and the test fails naming them.
 */
public final class RedisLeakCheck implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisLeakCheck.class);
    private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put("start", Instant.now());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Instant start = context.getStore(NAMESPACE).get("start", Instant.class);
        List<ProcessHandle> leftovers = runningRedisStartedSince(start);
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

    /** Running redis-server processes started since {@code start} in a JUnit temp folder. */
    public static List<ProcessHandle> runningRedisStartedSince(Instant start) {
        // The JDK derives start times from the boot time, which Linux gives in whole seconds.
        Instant since = start.minusSeconds(2);
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(p -> !isZombie(p.pid()))
                // Debian's redis-server is a link to redis-check-rdb, which is what the JDK reports.
                .filter(p -> describe(p).contains("redis"))
                .filter(p -> p.info().startInstant().map(s -> !s.isBefore(since)).orElse(false))
                .filter(p -> workingDirectory(p.pid()).map(RedisLeakCheck::inJUnitTemp).orElse(false))
                .toList();
    }

    private static boolean inJUnitTemp(Path dir) {
        return dir.startsWith(TEMP) && dir.getNameCount() > TEMP.getNameCount()
                && dir.getName(TEMP.getNameCount()).toString().startsWith("junit");
    }

    private static Optional<Path> workingDirectory(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    private static String describe(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        Optional<String> line = info.commandLine();
        return line.orElseGet(() -> info.command().orElse("?"));
    }
}
