package dev.spinel.cli;

import dev.spinel.ops.form.Rebalance;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The progress line of a rebalance on a terminal: slots moved of all, keys moved, their rate and
 * an ETA from the slots' pace, on a {@link TerminalLine}.
 */
final class SlotProgress implements Consumer<Rebalance.Progress>, AutoCloseable {
    private final TerminalLine line;
    private final long start = System.nanoTime();

    SlotProgress(PrintWriter err) {
        this.line = TerminalLine.onTerminal(err);
    }

    @Override
    public void accept(Rebalance.Progress progress) {
        line.draw(() -> line(progress, System.nanoTime() - start));
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
    public void close() {
        line.close();
    }
}
