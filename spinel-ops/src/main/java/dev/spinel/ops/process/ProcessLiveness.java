package dev.spinel.ops.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a process still runs. A node started by an earlier spinel command is no child of this
 * JVM; when it exits it stays a zombie until init reaps it, which some inits do only every few
 * seconds. {@link ProcessHandle#isAlive()} counts a zombie as alive, so on Linux the state in
 * /proc decides.
 */
public final class ProcessLiveness {
    private ProcessLiveness() {
    }

    public static boolean isRunning(ProcessHandle handle) {
        return handle.isAlive() && !isZombie(handle.pid());
    }

    static boolean isZombie(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat);
            // "pid (comm) S ...": the state follows the last ')' since comm may contain spaces and parentheses.
            int close = text.lastIndexOf(')');
            return close > 0 && close + 2 < text.length() && text.charAt(close + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
