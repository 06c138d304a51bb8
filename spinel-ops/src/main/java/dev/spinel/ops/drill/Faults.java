package dev.spinel.ops.drill;

import dev.spinel.ops.SpinelException;
import dev.spinel.ops.process.ProcessRecord;
import dev.spinel.ops.project.ProjectDir;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The faults a drill injects into one node, by the PID Spinel recorded for it. */
final class Faults {
    private Faults() {
    }

    /** kill -9, and wait until the process is gone. */
    static void kill(Path projectDir, String node) {
        ProcessHandle handle = process(projectDir, node);
        handle.destroyForcibly();
        try {
            handle.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "kill -9 of " + node + " did not end it: " + e, e);
        }
    }

    /**
     * SIGTERM to every named node at once, as a host going down sends it, then waits until all have
     * exited. Redis shuts down cleanly on it: it waits for lagging replicas (shutdown-timeout) and
     * flushes its AOF, so nothing it acknowledged is lost.
     */
    static void terminate(Path projectDir, List<String> nodes) {
        List<ProcessHandle> handles = nodes.stream().map(node -> process(projectDir, node)).toList();
        handles.forEach(ProcessHandle::destroy);
        for (int i = 0; i < handles.size(); i++) {
            try {
                handles.get(i).onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new SpinelException(SpinelException.Kind.FAILED, "SIGTERM did not end " + nodes.get(i)
                        + " within 60 s: " + e, e);
            }
        }
    }

    /**
     * SIGSTOP: the node keeps its sockets open and answers nothing, as a node that hangs or is cut
     * off would. Returns what resumes it (SIGCONT), to be run whatever happens next.
     */
    static Runnable stop(Path projectDir, String node) {
        long pid = process(projectDir, node).pid();
        signal("STOP", pid, node);
        return () -> signal("CONT", pid, node);
    }

    private static ProcessHandle process(Path projectDir, String node) {
        ProcessRecord record = ProcessRecord.read(ProjectDir.open(projectDir).processRecord(node)).orElseThrow(() ->
                new SpinelException(SpinelException.Kind.FAILED, node + " has no process record: is it running?"));
        return ProcessHandle.of(record.pid()).orElseThrow(() ->
                new SpinelException(SpinelException.Kind.FAILED, node + " (pid " + record.pid() + ") is not running"));
    }

    /** kill(1) with a signal the JDK cannot send (it has only TERM and KILL), to that one PID. */
    private static void signal(String signal, long pid, String node) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes());
            if (kill.waitFor() != 0) {
                throw new SpinelException(SpinelException.Kind.FAILED, "kill -" + signal + " " + pid + " (" + node
                        + ") failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new SpinelException(SpinelException.Kind.FAILED, "cannot run kill -" + signal + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpinelException(SpinelException.Kind.FAILED, "interrupted while signalling " + node, e);
        }
    }
}
