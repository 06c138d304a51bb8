package dev.spinel.ops.process;

import java.time.Duration;
import java.util.Optional;

/**
 * Stops a node's process by its PID: first the polite way (SHUTDOWN through the protocol, which
 * lets Redis write its data), then SIGTERM, then SIGKILL, each after a timeout. A PID that no
 * longer belongs to the process Spinel started is left alone.
 */
public final class NodeStopper {
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(15);
    private static final Duration SIGNAL_GRACE = Duration.ofSeconds(5);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);

    private NodeStopper() {
    }

    /** How a stop ended. */
    public enum Outcome { NOT_RUNNING, SHUT_DOWN, TERMINATED, KILLED }

    /**
     * @param politeShutdown asks the node to shut down (SHUTDOWN); failures are tolerated. Without
     *                       one, SIGTERM comes first, which Redis also treats as a shutdown that saves
     * @param grace how long the first request gets before the next, harder one
     */
    public static Outcome stop(ProcessRecord record, Optional<Runnable> politeShutdown, Duration grace) {
        Optional<ProcessHandle> live = record.live();
        if (live.isEmpty()) {
            return Outcome.NOT_RUNNING;
        }
        ProcessHandle handle = live.get();
        if (politeShutdown.isPresent() && askUntilExit(handle, politeShutdown.get(), grace)) {
            return Outcome.SHUT_DOWN;
        }
        handle.destroy();
        if (waitForExit(handle, politeShutdown.isPresent() ? SIGNAL_GRACE : grace)) {
            return Outcome.TERMINATED;
        }
        handle.destroyForcibly();
        if (waitForExit(handle, SIGNAL_GRACE)) {
            return Outcome.KILLED;
        }
        throw new IllegalStateException("pid " + handle.pid() + " survived SIGKILL for " + SIGNAL_GRACE.toSeconds()
                + " s (uninterruptible sleep on I/O?)");
    }

    /**
     * Asks again while the node refuses: Redis refuses SHUTDOWN while it writes its first AOF
     * (right after a replica's full sync), since exiting then would lose the dataset. That takes
     * moments; waiting it out beats SIGTERM, which Redis would refuse the same way.
     */
    private static boolean askUntilExit(ProcessHandle handle, Runnable politeShutdown, Duration grace) {
        long end = System.nanoTime() + grace.toNanos();
        while (true) {
            boolean refused = false;
            try {
                politeShutdown.run();
            } catch (RuntimeException e) {
                refused = true;
            }
            Duration left = Duration.ofNanos(Math.max(0, end - System.nanoTime()));
            Duration wait = refused && left.compareTo(RETRY_PAUSE) > 0 ? RETRY_PAUSE : left;
            if (waitForExit(handle, wait)) {
                return true;
            }
            if (System.nanoTime() - end >= 0) {
                return false;
            }
        }
    }

    /**
     * Polls rather than using {@link ProcessHandle#onExit()}: for a process that is not our child
     * (started by an earlier spinel command) the JDK notices the exit only after a second or more.
     */
    static boolean waitForExit(ProcessHandle handle, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        long pause = 2;
        while (ProcessLiveness.isRunning(handle)) {
            if (System.nanoTime() - end >= 0) {
                return false;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !ProcessLiveness.isRunning(handle);
            }
            pause = Math.min(50, pause * 2);
        }
        return true;
    }
}
