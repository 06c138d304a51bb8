package dev.spinel.ops.process;

import dev.spinel.ops.SpinelException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a long-running process detached from this JVM: a short-lived {@code sh} starts it in the
 * background (in a session of its own where {@code setsid} exists, so a Ctrl-C meant for a later
 * spinel command does not reach it), prints its PID and exits.
 *
 * <p>Why not a child of this JVM: the JDK keeps a thread blocked in {@code waitpid} for every
 * child, and a JVM exiting while such a thread waits pauses 300 ms for it.
 */
public final class Detached {
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    /** $0 is the program and $@ its arguments, so no path needs quoting; %s is the log file. */
    private static final String DETACH = "%s\"$0\" \"$@\" </dev/null >>%s 2>&1 & echo $!";

    private Detached() {
    }

    /**
     * Starts {@code command} in {@code dir} with its output appended to {@code log} (a file name in
     * {@code dir}) and returns its PID once known.
     */
    public static long start(String what, List<String> command, Path dir, String log) {
        if (!log.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a plain file name is needed for the log, got " + log);
        }
        List<String> shell = new ArrayList<>(List.of("/bin/sh", "-c",
                DETACH.formatted(Files.isExecutable(SETSID) ? SETSID + " " : "", log)));
        shell.addAll(command);
        try {
            Process process = new ProcessBuilder(shell).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve(log).toFile()))
                    .start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            }
            // End of output means the shell is exiting (the JDK reaps it); not waiting for it means
            // no interruption can come between learning the PID and returning it to be recorded.
            return Long.parseLong(output);
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot start " + what + " with " + command.get(0)
                    + ": " + e.getMessage(), e);
        } catch (NumberFormatException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot start " + what
                    + ": /bin/sh did not print its PID (see " + dir.resolve(log) + ")");
        }
    }
}
