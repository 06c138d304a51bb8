package dev.spinel.ops.process;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.topology.NodeKind;
import dev.spinel.ops.topology.NodePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts redis-server for a node, detached from this JVM ({@link Detached}), and records its PID
 * before anything else happens. The node is not daemonized by Redis itself because that hides its
 * PID until the pidfile appears.
 */
public final class NodeLauncher {
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
        return start(name, kind, paths, recordFile, Optional.empty());
    }

    /**
     * As above; with {@code namespaceHost}, inside that node's network namespace ({@code ip netns
     * exec} enters it and then execs redis-server, so the PID is still the node's).
     */
    public ProcessRecord start(String name, NodeKind kind, NodePaths paths, Path recordFile,
                               Optional<String> namespaceHost) {
        Path dir = Path.of(paths.dir());
        try {
            Files.createDirectories(Path.of(paths.dataDir()));
            List<String> command = new ArrayList<>(List.of(binary.path().toString(), paths.config()));
            if (kind == NodeKind.SENTINEL) {
                command.add("--sentinel");
            }
            if (namespaceHost.isPresent()) {
                command = NetworkNamespaces.inNamespace(namespaceHost.get(), command);
            }
            // Resolved before the start: nothing may fail between starting the node and recording it.
            String program = binary.path().toRealPath().toString();
            long pid = Detached.start(name, command, dir, "stdout.log");
            awaitExec(pid, program);
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
     * {@code program} is the binary's real path: Debian's redis-server is a link to
     * redis-check-rdb, which is what the kernel reports.
     */
    private static void awaitExec(long pid, String program) {
        long deadline = System.nanoTime() + EXEC_TIMEOUT_NANOS;
        while (System.nanoTime() < deadline) {
            var process = ProcessHandle.of(pid).filter(ProcessLiveness::isRunning);
            if (process.isEmpty() || process.get().info().command().map(program::equals).orElse(true)) {
                return;
            }
            Thread.onSpinWait();
        }
    }
}
