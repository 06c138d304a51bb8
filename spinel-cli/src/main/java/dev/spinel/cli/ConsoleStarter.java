package dev.spinel.cli;

import dev.spinel.ops.process.Detached;
import dev.spinel.ops.process.PortCheck;
import dev.spinel.ops.process.ProcessRecord;
import dev.spinel.ops.project.ConsoleRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Starts {@code spinel serve} for a project in the background after {@code up}, with this JVM's
 * java and class path, detached like the nodes. Its record is written at once, so a {@code down}
 * right after finds it even before it listens. A port in use is a warning, never a failed up.
 */
final class ConsoleStarter {
    static final String LOG = "console.log";

    private ConsoleStarter() {
    }

    /** What to tell the operator: where the console is, or why there is none. */
    static String start(Path projectRoot, int port) {
        Optional<ConsoleRecord> running = ConsoleRecord.read(projectRoot).filter(r -> r.live().isPresent());
        if (running.isPresent()) {
            return "Console: " + running.get().url() + " (already running)";
        }
        if (!PortCheck.isFree("127.0.0.1", port)) {
            return "Console not started: port " + port + " is in use"
                    + PortCheck.owner(port).map(owner -> " by " + owner).orElse("")
                    + "; start one with `spinel serve --port N`.";
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-XX:+UseSerialGC", "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--dir", projectRoot.toString(), "--port", Integer.toString(port));
        long pid = Detached.start("the console", command, projectRoot, LOG);
        String url = "http://127.0.0.1:" + port + "/";
        ProcessHandle.of(pid).ifPresent(handle -> {
            try {
                new ConsoleRecord(ProcessRecord.of(handle), url).write(projectRoot);
            } catch (RuntimeException e) {
                // Unrecorded, no `down` could find it: stop it now.
                handle.destroy();
                throw e;
            }
        });
        return "Console: " + url + " (dashboard, /api/health, /metrics; log in " + projectRoot.resolve(LOG) + ")";
    }
}
