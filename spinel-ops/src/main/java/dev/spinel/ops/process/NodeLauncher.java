package dev.spinel.ops.process;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.topology.NodeKind;
import dev.spinel.ops.topology.NodePaths;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts redis-server for a node. The process is not daemonized (its PID is known at once and
 * recorded before anything else happens) and runs in a session of its own where {@code setsid}
 * exists, so a Ctrl-C meant for a later spinel command does not reach the nodes.
 */
public final class NodeLauncher {
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private final RedisBinary binary;

    public NodeLauncher(RedisBinary binary) {
        this.binary = binary;
    }

    public RedisBinary binary() {
        return binary;
    }

    /** Starts the node and records its PID in {@code recordFile}; does not wait for readiness. */
    public ProcessHandle start(String name, NodeKind kind, NodePaths paths, Path recordFile) {
        Path dir = Path.of(paths.dir());
        try {
            Files.createDirectories(Path.of(paths.dataDir()));
            List<String> command = new ArrayList<>();
            if (Files.isExecutable(SETSID)) {
                command.add(SETSID.toString());
            }
            command.add(binary.path().toString());
            command.add(paths.config());
            if (kind == NodeKind.SENTINEL) {
                command.add("--sentinel");
            }
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()));
            File devNull = new File("/dev/null");
            if (devNull.exists()) {
                builder.redirectInput(ProcessBuilder.Redirect.from(devNull));
            }
            Process process = builder.start();
            try {
                ProcessRecord.of(process.toHandle()).write(recordFile);
            } catch (RuntimeException e) {
                // Without its record no later command could find and stop it: stop it now.
                process.destroyForcibly();
                throw e;
            }
            return process.toHandle();
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot start " + name + " with " + binary.path()
                    + ": " + e.getMessage(), e);
        }
    }
}
