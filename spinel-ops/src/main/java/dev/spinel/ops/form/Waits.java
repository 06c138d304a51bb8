package dev.spinel.ops.form;

import dev.spinel.ops.SpinelException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Polls a live condition until it holds or the deadline passes. A probe returns what it saw when
 * the condition does not hold yet, so the timeout message can name it. Probes that throw (a node
 * still starting refuses connections) count as not ready, with the error as what was seen, except
 * a {@link SpinelException}: a probe throws one for what waiting cannot cure.
 */
public final class Waits {
    private static final long FIRST_PAUSE_MILLIS = 5;
    // The longest pause is also how late a wait can notice its condition: 10 ms on average (a restore waits
    // that long on a node done loading).
    private static final long MAX_PAUSE_MILLIS = 20;

    private Waits() {
    }

    /** What a probe reports: ready, or not yet with the reason. */
    public record Check(boolean ready, String seen) {
        public static Check ok() {
            return new Check(true, "ready");
        }

        public static Check notYet(String seen) {
            return new Check(false, seen);
        }
    }

    /**
     * Waits until {@code probe} reports ready.
     *
     * @param what what is awaited, for the timeout message ("redis-7000 to have cluster_state:ok")
     * @param abort checked before each probe; a present value ends the wait at once with that message
     */
    public static void until(String what, Deadline deadline, Supplier<Check> probe, Supplier<Optional<String>> abort) {
        until(what, deadline, probe, abort, seen -> { });
    }

    /** As above, telling {@code changes} each time what the probe sees changes (for --verbose). */
    public static void until(String what, Deadline deadline, Supplier<Check> probe, Supplier<Optional<String>> abort,
                             Consumer<String> changes) {
        long pause = FIRST_PAUSE_MILLIS;
        String seen = "nothing yet";
        while (true) {
            Optional<String> aborted = abort.get();
            if (aborted.isPresent()) {
                throw new NotReadyException(aborted.get());
            }
            String before = seen;
            try {
                Check check = probe.get();
                if (check.ready()) {
                    return;
                }
                seen = check.seen();
            } catch (SpinelException e) {
                throw e;
            } catch (RuntimeException e) {
                seen = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            if (!seen.equals(before)) {
                changes.accept(seen);
            }
            if (deadline.passed()) {
                throw new NotReadyException("timed out after " + deadline.total().toSeconds() + " s waiting for "
                        + what + "; last seen: " + seen);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotReadyException("interrupted while waiting for " + what);
            }
            pause = Math.min(MAX_PAUSE_MILLIS, pause * 2);
        }
    }

    public static void until(String what, Deadline deadline, Supplier<Check> probe) {
        until(what, deadline, probe, Optional::empty);
    }
}
