package dev.spinel.ops.process;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.topology.NodeKind;
import dev.spinel.ops.topology.NodePaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts redis-server for a node, detached from this JVM: a short-lived {@code sh} starts it in
 * the background (in a session of its own where {@code setsid} exists, so a Ctrl-C meant for a
 * later spinel command does not reach the nodes), prints its PID and exits. The PID is recorded
 * before anything else happens.
 *
 * <p>Why not a child of this JVM: the JDK keeps a thread blocked in {@code waitpid} for every
 * child, and a JVM exiting while such a thread waits pauses 300 ms for it, on every {@code up}.
 * The node is not daemonized by Redis itself because that hides its PID until the pidfile appears.
 */
public final class NodeLauncher {
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    /** $0 is the program and $@ its arguments, so no path needs quoting. */
    private static final String DETACH = "%s\"$0\" \"$@\" </dev/null >>stdout.log 2>&1 & echo $!";

    private static final long EXEC_TIMEOUT_NANOS = 2_000_000_000L;

    private final RedisBinary binary;

    public NodeLauncher(RedisBinary binary) {
        this.binary = binary;
    }

    public RedisBinary binary() {
        return binary;
    }

    /**
     * Starts the node and records its PID in {@code recordFile}; does not wait for readiness.
     * The record names a process that has already exited when the node failed at once.
     */
    public ProcessRecord start(String name, NodeKind kind, NodePaths paths, Path recordFile) {
        Path dir = Path.of(paths.dir());
        try {
            Files.createDirectories(Path.of(paths.dataDir()));
            List<String> command = new ArrayList<>(List.of("/bin/sh", "-c",
                    DETACH.formatted(Files.isExecutable(SETSID) ? SETSID + " " : "")));
            command.add(binary.path().toString());
            command.add(paths.config());
            if (kind == NodeKind.SENTINEL) {
                command.add("--sentinel");
            }
            Process shell = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()))
                    .start();
            long pid = readPid(shell, name);
            awaitExec(pid);
            ProcessRecord record = ProcessHandle.of(pid).map(ProcessRecord::of)
                    .orElseGet(() -> ProcessRecord.exited(pid));
            try {
                record.write(recordFile);
            } catch (RuntimeException e) {
                // Without its record no later command could find and stop it: stop it now.
                record.live().ifPresent(ProcessHandle::destroyForcibly);
                throw e;
            }
            return record;
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot start " + name + " with " + binary.path()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * The PID is known as soon as {@code sh} forks, before its child has become redis-server; a
     * record is only recognised once it has, so wait for that exec (a millisecond or so).
     */
    private void awaitExec(long pid) throws IOException {
        // Debian's redis-server is a link to redis-check-rdb, which is what the kernel reports.
        String program = binary.path().toRealPath().toString();
        long deadline = System.nanoTime() + EXEC_TIMEOUT_NANOS;
        while (System.nanoTime() < deadline) {
            var process = ProcessHandle.of(pid).filter(ProcessLiveness::isRunning);
            if (process.isEmpty() || process.get().info().command().map(program::equals).orElse(true)) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    private static long readPid(Process shell, String name) throws IOException {
        String output;
        try (InputStream in = shell.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        }
        try {
            shell.waitFor();
            return Long.parseLong(output);
        } catch (NumberFormatException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot start " + name
                    + ": /bin/sh printed '" + output + "' instead of the node's PID");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpinelException(SpinelException.Kind.FAILED, "interrupted while starting " + name);
        }
    }
}
