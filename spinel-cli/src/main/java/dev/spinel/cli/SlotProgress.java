package dev.spinel.cli;

import dev.spinel.ops.form.Rebalance;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The progress line of a rebalance on a terminal: slots moved of all, keys moved, their rate and
 * an ETA from the slots' pace. Redrawn at most five times a second; silent when not a terminal.
 */
final class SlotProgress implements Consumer<Rebalance.Progress>, AutoCloseable {
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    SlotProgress(PrintWriter err) {
        this.err = err;
        this.enabled = ByteProgress.isTerminal();
    }

    @Override
    public synchronized void accept(Rebalance.Progress progress) {
        long now = System.nanoTime();
        if (!enabled || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        err.print("\r" + line(progress, now - start));
        err.flush();
        drawn = true;
    }

    static String line(Rebalance.Progress progress, long elapsedNanos) {
        double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "slots %,d/%,d  keys %,d  %,.0f keys/s",
                progress.slotsDone(), progress.slotsTotal(), progress.keysMoved(), progress.keysMoved() / seconds));
        if (progress.slotsDone() > 0 && progress.slotsDone() < progress.slotsTotal()) {
            double left = seconds * (progress.slotsTotal() - progress.slotsDone()) / progress.slotsDone();
            text.append(String.format(Locale.ROOT, "  ~%d s left", Math.round(left)));
        }
        return text.toString();
    }

    @Override
    public synchronized void close() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
